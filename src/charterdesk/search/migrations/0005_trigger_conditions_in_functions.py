"""The ticket index's triggers reinstalled: on PostgreSQL their conditions move into the
trigger functions, so a migration may alter the type of a column they name; a new
ticket's row is written by its first message, no longer by the ticket's insert
(ticket_index.py). SQLite: the triggers are put back after `migrate`
(receivers.restore_ticket_index)."""

from django.db import migrations


def reinstall(apps, schema_editor):  # type: ignore[no-untyped-def]
    from charterdesk.search import ticket_index

    if schema_editor.connection.vendor != "sqlite":
        ticket_index.install(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0004_message_appends_to_ticket_index'),
    ]

    operations = [
        migrations.RunPython(reinstall, migrations.RunPython.noop),
    ]
