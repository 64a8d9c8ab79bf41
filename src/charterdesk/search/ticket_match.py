"""PostgreSQL: the narrow table a ticket search matches and ranks (`search_ticket_match`:
ticket id, organization id, the weighted `vector` of every column and the `public_vector`
of the public ones, with GIN indexes and an index on (organization_id, ticket_id)).

`search_ticket` rows are about 2 KB with their texts; reading one per candidate (the 200
ranked for a common word, or each of a customer organization's tickets) was most of a
search at a million tickets (bench/RESULTS.md). Here a customer's search is the GIN
bitmap ANDed with the organization's ids before any row is read.

A trigger on `search_ticket` computes the vectors and writes this row in the statement
that writes the ticket's index row, so both change in the writer's transaction (the
organization with it: a ticket moved to another organization rewrites its index row,
ticket_index.py). `search_ticket` keeps the texts the page's titles and snippets come
from. SQLite has no such table (its FTS5 table is the match): the model stays empty.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

from .index import TICKETS
from .schema import vector_sql

TABLE = "search_ticket_match"
TRIGGERS = {"search_ticket_match_write": "INSERT OR UPDATE", "search_ticket_match_delete": "DELETE"}


def columns() -> list[str]:
    """The vectors and their GIN indexes, added to the table Django created (migration)."""
    return [
        f"ALTER TABLE {TABLE} ADD COLUMN vector tsvector, ADD COLUMN public_vector tsvector",
        f"CREATE INDEX {TABLE}_vector ON {TABLE} USING gin (vector)",
        f"CREATE INDEX {TABLE}_public_vector ON {TABLE} USING gin (public_vector)",
    ]


def fill_from_generated_columns() -> str:
    """Copy the vectors `search_ticket` held (generated columns, before migration 0006)."""
    return (
        f"INSERT INTO {TABLE} (ticket_id, organization_id, vector, public_vector) "  # noqa: S608
        "SELECT s.ticket_id, t.organization_id, s.vector, s.public_vector "
        f"FROM {TICKETS.table} s JOIN tickets_ticket t ON t.id = s.ticket_id"
    )


def triggers() -> list[str]:
    write = (
        f"INSERT INTO {TABLE} (ticket_id, organization_id, vector, public_vector) "  # noqa: S608
        "SELECT new.ticket_id, t.organization_id, "
        f"{vector_sql(TICKETS, private=True, row='new.')}, "
        f"{vector_sql(TICKETS, private=False, row='new.')} "
        "FROM tickets_ticket t WHERE t.id = new.ticket_id "
        "ON CONFLICT (ticket_id) DO UPDATE SET organization_id = excluded.organization_id, "
        "vector = excluded.vector, public_vector = excluded.public_vector"
    )
    delete = f"DELETE FROM {TABLE} WHERE ticket_id = old.ticket_id"  # noqa: S608 - names
    statements = []
    for name, body in (
        ("search_ticket_match_write", write),
        ("search_ticket_match_delete", delete),
    ):
        statements += [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {body}; RETURN NULL; END $$",
            f"CREATE TRIGGER {name} AFTER {TRIGGERS[name]} ON {TICKETS.table} FOR EACH ROW"
            f" EXECUTE FUNCTION {name}()",
        ]
    return statements


def drop_triggers() -> list[str]:
    statements = []
    for name in TRIGGERS:
        statements += [
            f"DROP TRIGGER IF EXISTS {name} ON {TICKETS.table}",
            f"DROP FUNCTION IF EXISTS {name}()",
        ]
    return statements


def present(connection: BaseDatabaseWrapper) -> bool:
    """Whether the table has its vectors (PostgreSQL, from migration 0006 on): until then
    the ticket index's triggers must not write to it."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = %s "
            "AND column_name = 'vector' AND table_schema = current_schema()",
            [TABLE],
        )
        return cursor.fetchone() is not None
