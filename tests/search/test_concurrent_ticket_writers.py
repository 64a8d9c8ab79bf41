"""Agents replying to one ticket at the same moment, each in their own transaction and
connection: the ticket's index holds every reply afterwards (no writer's older view of
the ticket overwrites another's reply)."""

import threading

import pytest
from django.db import connections, transaction

from charterdesk.accounts.models import User
from charterdesk.search.ticket_search import search_tickets
from charterdesk.tickets.models import Message, Ticket
from tests.tickets.factories import open_ticket

WORDS = ("aardvark", "bandicoot", "capybara", "dugong", "echidna", "fossa")


def reply(ticket_id: int, word: str, start: threading.Barrier, errors: list[BaseException]) -> None:
    try:
        author = User.objects.get(email="tier1@charterdesk.example")
        start.wait()
        with transaction.atomic():
            # A bare insert, not message_add: no lock on the ticket row to queue behind.
            Message.objects.create(
                ticket_id=ticket_id, author=author, from_staff=True, body=f"Seen a {word}."
            )
    except BaseException as exc:  # noqa: BLE001 - reported by the test
        errors.append(exc)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_simultaneous_replies_are_all_in_the_index(live_personas: object) -> None:
    ticket: Ticket = open_ticket()
    errors: list[BaseException] = []
    start = threading.Barrier(len(WORDS))
    threads = [
        threading.Thread(target=reply, args=(ticket.pk, word, start, errors)) for word in WORDS
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    agent = User.objects.get(email="tier1@charterdesk.example")
    for word in WORDS:
        assert [hit.ticket.pk for hit in search_tickets(agent, word).items] == [ticket.pk], word
