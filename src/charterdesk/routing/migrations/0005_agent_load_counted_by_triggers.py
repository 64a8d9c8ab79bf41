"""Agents' loads counted by the database: routing_agentload (open assigned tickets per
agent and priority), kept by triggers on tickets_ticket (routing.load_counter), filled
from the tickets as they are now."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def counted(apps, schema_editor):  # type: ignore[no-untyped-def]
    from charterdesk.routing import load_counter

    load_counter.install(schema_editor.connection)
    load_counter.backfill(schema_editor.connection)


def uncounted(apps, schema_editor):  # type: ignore[no-untyped-def]
    from charterdesk.routing import load_counter

    load_counter.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("routing", "0004_ticket_load_index"),
        ("tickets", "0005_ticket_by_contract_and_creation"),
    ]

    operations = [
        migrations.CreateModel(
            name="AgentLoad",
            fields=[
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="agent_load",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("urgent", models.IntegerField(default=0)),
                ("high", models.IntegerField(default=0)),
                ("normal", models.IntegerField(default=0)),
                ("low", models.IntegerField(default=0)),
            ],
        ),
        migrations.RunPython(counted, uncounted),
    ]
