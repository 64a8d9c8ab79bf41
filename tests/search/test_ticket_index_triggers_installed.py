"""After every migration the ticket index's triggers are in place. A later migration that
rebuilds a ticket or customer table on SQLite drops them silently: this test then fails
until a search migration after it calls ticket_index.install()."""

from django.db import connection

from charterdesk.search import ticket_index, ticket_match


def test_every_trigger_of_the_ticket_index_is_installed(db: None) -> None:
    assert ticket_index.missing() == set()


def test_a_dropped_trigger_is_noticed(db: None) -> None:
    ticket_index.uninstall()
    # PostgreSQL: the narrow match table's triggers too (ticket_match.py).
    match = set(ticket_match.TRIGGERS) if connection.vendor == "postgresql" else set()
    assert ticket_index.missing() == set(ticket_index.TRIGGERS) | match
    ticket_index.install()
    assert ticket_index.missing() == set()
