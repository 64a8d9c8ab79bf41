"""A migration of tickets that rebuilds the table on SQLite drops the dashboard's indexes
(they are not declared on the Ticket model); after `migrate` they are there again."""

from django.db import connection

from charterdesk.workspace.dashboard.indexes import INDEXES, restore_dashboard_indexes


def _indexes() -> set[str]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "tickets_ticket")
    return {name for name, info in found.items() if info["index"]}


def test_a_dropped_dashboard_index_is_created_again_after_migrate(db):
    assert set(INDEXES) <= _indexes()
    with connection.cursor() as cursor:
        cursor.execute('DROP INDEX "ticket_by_solved"')
    assert "ticket_by_solved" not in _indexes()
    restore_dashboard_indexes(sender=None, using="default")
    assert set(INDEXES) <= _indexes()
