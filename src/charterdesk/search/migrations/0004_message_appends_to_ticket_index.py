"""A new message appends its body to its ticket's index row instead of recomputing the
row (ticket_index.py): the ticket index triggers reinstalled."""

from django.db import migrations


def reinstall(apps, schema_editor):  # type: ignore[no-untyped-def]
    from charterdesk.search import ticket_index

    if schema_editor.connection.vendor != "sqlite":  # SQLite: after migrate (receivers)
        ticket_index.install(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0003_document_vectors'),
    ]

    operations = [
        migrations.RunPython(reinstall, migrations.RunPython.noop),
    ]
