"""PostgreSQL: ticket searches match and rank a narrow table (ticket id, organization id,
the two vectors; ticket_match.py) instead of `search_ticket`'s 2 KB rows: the vectors are
copied there from `search_ticket`'s generated columns, which are then dropped (the trigger
that writes the narrow row computes them). SQLite: the table is created and stays empty."""

from django.db import migrations, models


def narrow(apps, schema_editor):  # type: ignore[no-untyped-def]
    from charterdesk.search import ticket_index, ticket_match

    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(ticket_match.columns()[0])
        cursor.execute(ticket_match.fill_from_generated_columns())
        for statement in ticket_match.columns()[1:]:
            cursor.execute(statement)
        cursor.execute("ALTER TABLE search_ticket DROP COLUMN vector, DROP COLUMN public_vector")
        cursor.execute(f"ANALYZE {ticket_match.TABLE}")
    ticket_index.install(connection)


def widen(apps, schema_editor):  # type: ignore[no-untyped-def]
    from charterdesk.search import schema, ticket_index
    from charterdesk.search.index import TICKETS

    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    ticket_index.uninstall(connection)
    schema.install(connection, TICKETS)
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE search_ticket_match DROP COLUMN vector, DROP COLUMN public_vector")
    ticket_index.install(connection)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0005_trigger_conditions_in_functions'),
    ]

    operations = [
        migrations.CreateModel(
            name='TicketMatch',
            fields=[
                ('ticket_id', models.BigIntegerField(primary_key=True, serialize=False)),
                ('organization_id', models.BigIntegerField(null=True)),
            ],
            options={
                'db_table': 'search_ticket_match',
                'indexes': [models.Index(fields=['organization_id', 'ticket_id'], name='search_ticket_match_by_org')],
            },
        ),
        migrations.RunPython(narrow, widen),
    ]
