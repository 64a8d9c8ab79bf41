"""After every migration the ticket index's triggers are in place. A later migration that
rebuilds a ticket or customer table on SQLite drops them silently: this test then fails
until a search migration after it calls ticket_index.install()."""

from charterdesk.search import ticket_index


def test_every_trigger_of_the_ticket_index_is_installed(db: None) -> None:
    assert ticket_index.missing() == set()


def test_a_dropped_trigger_is_noticed(db: None) -> None:
    ticket_index.uninstall()
    assert ticket_index.missing() == set(ticket_index.TRIGGERS)
    ticket_index.install()
    assert ticket_index.missing() == set()
