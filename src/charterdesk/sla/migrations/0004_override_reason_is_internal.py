from django.db import migrations, models

PREFIX = "set by hand: "


def move_reasons(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Deadlines set by hand before: the reason leaves the note customers read."""
    SlaEvent = apps.get_model("sla", "SlaEvent")
    for event in SlaEvent.objects.filter(note__startswith=PREFIX).only("pk", "note"):
        event.reason = event.note[len(PREFIX) :]
        event.note = "set by hand"
        event.save(update_fields=["note", "reason"])


class Migration(migrations.Migration):
    dependencies = [
        ("sla", "0003_withdrawn_clocks"),
    ]

    operations = [
        migrations.AddField(
            model_name="slaevent",
            name="reason",
            field=models.CharField(
                blank=True,
                db_default="",
                help_text="Internal: why an agent set the deadline by hand; never shown to customers.",
                max_length=300,
            ),
        ),
        migrations.RunPython(move_reasons, migrations.RunPython.noop),
    ]
