"""A new ticket with its first message writes its index row once (an insert, no update:
on SQLite every update of the row is an FTS5 delete and re-insert); the next message
appends to it with one update. The row holds the subject, the requester and the text."""

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from django.db import connection

from charterdesk.search.models import TicketEntry
from charterdesk.tickets.services import message_add
from tests.tickets.factories import open_ticket


@pytest.fixture
def row_writes(db: None) -> Iterator[None]:
    """The inserts and updates of search_ticket rows, as they happen."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("CREATE TEMP TABLE row_writes (kind text)")
            for event in ("INSERT", "UPDATE"):
                cursor.execute(
                    f"CREATE TEMP TRIGGER count_{event} AFTER {event} ON main.search_ticket "  # noqa: S608
                    f"BEGIN INSERT INTO row_writes VALUES ('{event}'); END"
                )
        else:
            cursor.execute("CREATE TEMP TABLE row_writes (kind text)")
            cursor.execute(
                "CREATE FUNCTION pg_temp.count_row_write() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN INSERT INTO row_writes VALUES (TG_OP); RETURN NEW; END $$"
            )
            cursor.execute(
                "CREATE TRIGGER count_row_write AFTER INSERT OR UPDATE ON search_ticket "
                "FOR EACH ROW EXECUTE FUNCTION pg_temp.count_row_write()"
            )
    yield


def recorded() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT kind FROM row_writes")
        return [row[0] for row in cursor.fetchall()]


def test_a_new_ticket_and_its_first_message_write_the_row_once(
    personas: SimpleNamespace, row_writes: None
) -> None:
    ticket = open_ticket(subject="Gateway rejects tokens", body="Since Monday the kerberos...")
    assert recorded() == ["INSERT"]
    entry = TicketEntry.objects.get(ticket=ticket)
    assert entry.subject == "Gateway rejects tokens"
    assert "alice@acme.example" in entry.people
    assert entry.public_text == "Since Monday the kerberos..."


def test_a_reply_appends_with_one_update(personas: SimpleNamespace, row_writes: None) -> None:
    ticket = open_ticket(body="First words.")
    message_add(ticket, personas.tier1, "Second words.")
    assert recorded() == ["INSERT", "UPDATE"]
    assert TicketEntry.objects.get(ticket=ticket).public_text == "First words. Second words."
