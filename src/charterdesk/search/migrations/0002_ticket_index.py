"""The ticket index: one row per ticket written by triggers on the ticket tables, with
its FTS5 table (SQLite) or weighted tsvectors (PostgreSQL), filled from the tickets there
are."""

import django.db.models.deletion
from django.db import migrations, models


def index(apps, schema_editor):  # type: ignore[no-untyped-def]
    from charterdesk.search import schema, ticket_index
    from charterdesk.search.index import TICKETS

    schema.install(schema_editor.connection, TICKETS)
    if schema_editor.connection.vendor == "sqlite":
        return  # the triggers and the rows: after migrate (receivers.restore_ticket_index)
    ticket_index.install(schema_editor.connection)
    ticket_index.refill(schema_editor.connection)


def unindex(apps, schema_editor):  # type: ignore[no-untyped-def]
    from charterdesk.search import schema, ticket_index
    from charterdesk.search.index import TICKETS

    ticket_index.uninstall(schema_editor.connection)
    schema.uninstall(schema_editor.connection, TICKETS)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0001_documents_and_vocabulary'),
        ('tickets', '0006_walk_in_channel'),
        ('customers', '0003_contact_time_zone_and_mail_preferences'),
    ]

    operations = [
        migrations.CreateModel(
            name='TicketEntry',
            fields=[
                ('ticket', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='tickets.ticket')),
                ('subject', models.CharField(max_length=250)),
                ('people', models.TextField(blank=True)),
                ('public_text', models.TextField(blank=True)),
                ('internal_text', models.TextField(blank=True)),
            ],
            options={
                'db_table': 'search_ticket',
            },
        ),
        migrations.RunPython(index, unindex),
    ]
