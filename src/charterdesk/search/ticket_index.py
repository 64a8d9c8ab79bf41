"""The ticket index kept by the database: triggers on tickets_ticket, tickets_message,
customers_contact and customers_organization rewrite a ticket's row of `search_ticket`
(subject; requester's name and address and organization's name; public replies;
internal notes) in the same transaction as every write, whoever makes it: services, a
bulk `.update()`, the seeder's bulk SQL, a rename of an organization.

The row is recomputed whole from the ticket's tables (one `INSERT … SELECT … ON CONFLICT
DO UPDATE`), so it can never drift from them; each backend then re-indexes the row (FTS5
triggers, generated tsvectors; schema.py). New messages are the exception. A ticket's
first message writes its row (a new ticket has no trigger of its own: intake, the one
writer of tickets, writes every ticket with its first message in one transaction, so the
row is written once, not written by the ticket and rewritten by the message: on SQLite
each rewrite is an FTS5 delete and insert). Each later message is the newest of its
ticket, so its trigger appends its body to the one text column of its visibility (no
recompute of the ticket, its requester and all its messages), in a single `UPDATE` of the
row: on PostgreSQL it waits for a concurrent writer of the same ticket and appends to the
committed text, so no message is lost. A ticket inserted by hand-written SQL without a
message is in the index from its first message, a change of its subject or requester,
or `charterdesk search rebuild`.
A later SQLite table rebuild by a migration drops the triggers on that table: after every
`migrate` the search app puts missing triggers back and refills the rows
(receivers.restore_ticket_index); `charterdesk search rebuild` does the same.
PostgreSQL: a trigger on `search_ticket` writes each row's vectors to the narrow table
searches match and rank (ticket_match.py).
"""

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper

from . import ticket_match
from .index import TICKETS

COLUMNS = ("subject", "people", "public_text", "internal_text")
APPEND = "append"
TABLES = (
    TICKETS.table,
    "tickets_ticket",
    "tickets_message",
    "customers_contact",
    "customers_organization",
)
TRIGGERS = {
    # name: (table, event, condition (old/new rows), tickets to refresh; "" to forget)
    # No trigger on a ticket's insert: its first message writes its row (_append).
    # Tickets are never deleted by CharterDesk; a test database's flush or hand-written
    # SQL may, and the index must not keep (or point at) a ticket that is gone.
    "search_ticket_on_ticket_delete": ("tickets_ticket", "DELETE", "", ""),
    "search_ticket_on_ticket_update": (
        "tickets_ticket",
        "UPDATE",
        "old.subject <> new.subject OR old.requester_id <> new.requester_id"
        " OR old.organization_id IS DISTINCT FROM new.organization_id",
        "t.id = new.id",
    ),
    # The first message writes the row, the next ones append to it (_append).
    "search_ticket_on_message_insert": ("tickets_message", "INSERT", "", APPEND),
    "search_ticket_on_message_update": (
        "tickets_message",
        "UPDATE",
        "old.body <> new.body OR old.visibility <> new.visibility"
        " OR old.ticket_id <> new.ticket_id",
        "t.id IN (old.ticket_id, new.ticket_id)",
    ),
    "search_ticket_on_message_delete": ("tickets_message", "DELETE", "", "t.id = old.ticket_id"),
    "search_ticket_on_contact_update": (
        "customers_contact",
        "UPDATE",
        "old.name <> new.name OR old.email <> new.email",
        "t.requester_id = new.id",
    ),
    "search_ticket_on_organization_update": (
        "customers_organization",
        "UPDATE",
        "old.name <> new.name",
        "t.organization_id = new.id",
    ),
}
# Triggers of earlier versions, dropped by install() and uninstall().
RETIRED = {"search_ticket_on_ticket_insert": "tickets_ticket"}


def refresh_sql(vendor: str, where: str) -> str:
    """Recompute the index rows of the tickets matching `where` (on alias t)."""

    def text(visibility: str) -> str:
        if vendor == "postgresql":
            joined = "string_agg(m.body, ' ' ORDER BY m.created_at, m.id)"
        else:  # in the order of the index message_by_ticket: oldest first
            joined = "group_concat(m.body, ' ')"
        return (
            f"coalesce((SELECT {joined} FROM tickets_message m "  # noqa: S608 - fixed words
            f"WHERE m.ticket_id = t.id AND m.visibility = '{visibility}'), '')"
        )

    return _row_sql(vendor, text("public"), text("internal"), where)


def _row_sql(vendor: str, public: str, internal: str, where: str) -> str:
    """Write the index rows of the tickets matching `where` (on alias t), their texts
    given as SQL expressions."""
    columns = list(COLUMNS)
    organization = ""
    if vendor == "sqlite":  # the FTS5 table's organization token (index.TICKETS)
        columns.append("organization")
        organization = ", coalesce('o' || t.organization_id, '')"
    updates = ", ".join(f"{column} = excluded.{column}" for column in columns)
    return (
        f"INSERT INTO {TICKETS.table} (ticket_id, {', '.join(columns)}) "  # noqa: S608
        "SELECT t.id, t.subject, c.name || ' ' || c.email || ' ' || coalesce(o.name, ''), "
        f"{public}, {internal}{organization} "
        "FROM tickets_ticket t JOIN customers_contact c ON c.id = t.requester_id "
        "LEFT JOIN customers_organization o ON o.id = t.organization_id "
        f"WHERE {where} ON CONFLICT (ticket_id) DO UPDATE SET {updates}"
    )


def _append(vendor: str) -> str:
    """A new message's body at the end of its visibility's text; the whole row written
    when the ticket has none. A ticket's first message (the common case: intake writes
    the ticket with it) writes the row from its own values, without reading the ticket's
    messages; a ticket written while the triggers were off, with other messages, gets
    its row recomputed."""
    texts = []
    for column, visibility in (("public_text", "public"), ("internal_text", "internal")):
        mine = f"new.visibility = '{visibility}'"
        texts.append(
            f"{column} = CASE WHEN {mine} THEN (CASE WHEN {column} = '' THEN new.body "
            f"ELSE {column} || ' ' || new.body END) ELSE {column} END"
        )
    absent = (
        f"t.id = new.ticket_id AND NOT EXISTS (SELECT 1 FROM {TICKETS.table} s "  # noqa: S608
        "WHERE s.ticket_id = t.id)"
    )
    others = "EXISTS (SELECT 1 FROM tickets_message m WHERE m.ticket_id = t.id AND m.id <> new.id)"
    first = _row_sql(
        vendor,
        "CASE WHEN new.visibility = 'public' THEN new.body ELSE '' END",
        "CASE WHEN new.visibility = 'internal' THEN new.body ELSE '' END",
        f"{absent} AND NOT {others}",
    )
    return (
        f"UPDATE {TICKETS.table} SET {', '.join(texts)} "  # noqa: S608 - fixed words
        f"WHERE ticket_id = new.ticket_id; {first}; {refresh_sql(vendor, f'{absent} AND {others}')}"
    )


def _body(vendor: str, where: str) -> str:
    if where == APPEND:
        return _append(vendor)
    if not where:
        return f"DELETE FROM {TICKETS.table} WHERE ticket_id = old.id"  # noqa: S608 - names
    return refresh_sql(vendor, where)


def _sqlite() -> list[str]:
    statements = []
    for name, (table, event, condition, where) in TRIGGERS.items():
        when = f" WHEN {condition.replace('IS DISTINCT FROM', 'IS NOT')}" if condition else ""
        statements.append(
            f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{when} "
            f"BEGIN {_body('sqlite', where)}; END"
        )
    return statements


def _postgresql() -> list[str]:
    statements = []
    for name, (table, event, condition, where) in TRIGGERS.items():
        row = "OLD" if event == "DELETE" else "NEW"
        # Lock the rows first, then recompute: the recomputing statement takes its
        # snapshot after a concurrent writer of the same ticket committed, so its
        # message is in the text (without the lock, the last writer's older snapshot
        # would overwrite it).
        lock = (
            f"PERFORM 1 FROM {TICKETS.table} s WHERE s.ticket_id IN "  # noqa: S608
            f"(SELECT t.id FROM tickets_ticket t WHERE {where}) ORDER BY s.ticket_id FOR UPDATE; "
            if where and where != APPEND
            else ""
        )
        body = f"{lock}{_body('postgresql', where)};"
        # The condition in the function, not a WHEN: PostgreSQL refuses to alter the type
        # of a column a trigger's WHEN names, and a migration may (a longer subject).
        if condition:
            body = f"IF {condition} THEN {body} END IF;"
        statements += [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {body} RETURN {row}; END $$",
            f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW"
            f" EXECUTE FUNCTION {name}()",
        ]
    return statements


def install(connection: BaseDatabaseWrapper = default_connection) -> None:
    uninstall(connection)
    statements = _postgresql() if connection.vendor == "postgresql" else _sqlite()
    if ticket_match.present(connection):
        statements += ticket_match.triggers()
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def uninstall(connection: BaseDatabaseWrapper = default_connection) -> None:
    with connection.cursor() as cursor:
        retired = list(RETIRED.items())
        for name, table in [(name, table) for name, (table, *_) in TRIGGERS.items()] + retired:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        if connection.vendor == "postgresql":
            for statement in ticket_match.drop_triggers():
                cursor.execute(statement)


def refill(
    connection: BaseDatabaseWrapper = default_connection, *, first: int = 0, last: int | None = None
) -> None:
    """Recompute the rows of tickets `first` to `last` (by id; all by default)."""
    where = f"t.id >= {int(first)}" + (f" AND t.id <= {int(last)}" if last is not None else "")
    with connection.cursor() as cursor:
        cursor.execute(refresh_sql(connection.vendor, where))


def missing(connection: BaseDatabaseWrapper = default_connection) -> set[str]:
    """The triggers that are not installed (a later SQLite table rebuild of tickets_ticket,
    tickets_message or a customers table by a migration drops them; the search app puts
    them back after `migrate`: receivers.restore_ticket_index)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        present = {row[0] for row in cursor.fetchall()}
    expected = set(TRIGGERS)
    if ticket_match.present(connection):
        expected |= set(ticket_match.TRIGGERS)
    return expected - present
