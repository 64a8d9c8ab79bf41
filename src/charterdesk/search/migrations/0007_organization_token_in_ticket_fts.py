"""SQLite: the ticket FTS5 table gets a last column, the ticket's organization as one token
(index.TICKETS.organization_column), so a customer's search intersects the word's doclist
with the organization's instead of testing every match against the organization's ids.
The content table gets the column, filled from the tickets; the FTS5 table is made again
and rebuilt. PostgreSQL: nothing (its narrow match table has the organization id)."""

from django.db import migrations


def add(apps, schema_editor):  # type: ignore[no-untyped-def]
    from charterdesk.search import schema
    from charterdesk.search.index import TICKETS

    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    schema.uninstall(connection, TICKETS)
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE search_ticket ADD COLUMN organization text NOT NULL DEFAULT ''")
        cursor.execute(
            "UPDATE search_ticket SET organization = coalesce((SELECT 'o' || t.organization_id "
            "FROM tickets_ticket t WHERE t.id = search_ticket.ticket_id), '')"
        )
    schema.install(connection, TICKETS)


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    from charterdesk.search import schema
    from charterdesk.search.index import TICKETS

    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    schema.uninstall(connection, TICKETS)
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE search_ticket DROP COLUMN organization")
    schema.install(connection, TICKETS)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0006_narrow_ticket_match_table'),
    ]

    operations = [
        migrations.RunPython(add, remove),
    ]
