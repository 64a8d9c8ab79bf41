"""SQLite: the FTS5 tables stop merging their segments after every write (automerge 0;
the scheduler's `merge-search-index` job merges them: merge.py), and a ticket's first
message writes its index row from its own values (ticket_index._append; on SQLite the
triggers are put back after `migrate`: receivers.restore_ticket_index). PostgreSQL: the
ticket index's triggers reinstalled for the same first-message write."""

from django.db import migrations


def _automerge(schema_editor, pages: int) -> None:  # type: ignore[no-untyped-def]
    from charterdesk.search import schema
    from charterdesk.search.index import DOCUMENTS, TICKETS

    with schema_editor.connection.cursor() as cursor:
        for spec in (DOCUMENTS, TICKETS):
            cursor.execute(schema.automerge_sql(spec, pages))


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    from charterdesk.search import schema, ticket_index

    if schema_editor.connection.vendor == "sqlite":
        _automerge(schema_editor, schema.AUTOMERGE)
    else:
        ticket_index.install(schema_editor.connection)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "sqlite":
        _automerge(schema_editor, 4)  # FTS5's default


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0007_organization_token_in_ticket_fts'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
