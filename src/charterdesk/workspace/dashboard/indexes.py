"""The dashboard's indexes on the tickets table (migration workspace 0005 made them first).

A migration of tickets on SQLite rebuilds the table for most column changes, which drops
indexes that the tickets app's models do not declare. After every `migrate` (post_migrate,
any database) the missing ones are created again, so a later migration can never leave the
dashboard reading whole tables. The triggers of the trends' rollup (dashboard.marks) are
restored the same way."""

from typing import Any

from django.db import connections

from . import marks

INDEXES = {
    "ticket_open_by_queue_assignee": '("queue_id", "assignee_id") WHERE "in_queue"',
    "ticket_open_by_created": '("created_at") WHERE "in_queue"',
    "ticket_by_created": '("created_at")',
    "ticket_by_first_reply": '("first_replied_at", "created_at") '
    'WHERE "first_replied_at" IS NOT NULL',
    "ticket_by_solved": '("solved_at", "created_at") WHERE "solved_at" IS NOT NULL',
}


def create_sql(name: str) -> str:
    return f'CREATE INDEX IF NOT EXISTS "{name}" ON "tickets_ticket" {INDEXES[name]}'


def restore_dashboard_indexes(sender: object, using: str, **_: Any) -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        if "tickets_ticket" not in connection.introspection.table_names(cursor):
            return
        present = {
            name
            for name, info in connection.introspection.get_constraints(
                cursor, "tickets_ticket"
            ).items()
            if info["index"]
        }
        for name in INDEXES.keys() - present:
            cursor.execute(create_sql(name))
        trendday = "workspace_trendday" in connection.introspection.table_names(cursor)
    if trendday:
        marks.install(connection)  # the trends' rollup triggers, likewise dropped
