"""Two requests with the same Idempotency-Key at the same time, each on its own connection
(as two web processes would serve them): one writes and answers 201, the other answers 409
problem+json without writing; a retry after both replays the 201. On SQLite and on
PostgreSQL."""

import json
import threading

from django.db import connection
from django.test import Client

from charterdesk.accounts.models import ApiToken
from charterdesk.api import tickets as ticket_api
from charterdesk.tickets.models import Ticket

NEW_TICKET = {"subject": "Checkout down twice", "body": "502 everywhere", "type": "downtime"}
HELD_FOR = 1.5  # seconds the first write stays open: the second arrives meanwhile


def _held_first_write(monkeypatch, inside: threading.Event, done: threading.Event):  # type: ignore[no-untyped-def]
    """The first ticket written waits, in its transaction (the key stored, not committed),
    until the second request is answered or HELD_FOR passed (the second may be waiting on
    the first's lock, as on PostgreSQL's unique index or SQLite's write lock)."""
    original, calls = ticket_api.intake_record, []

    def record(intake):  # type: ignore[no-untyped-def]
        ticket = original(intake)
        calls.append(ticket)
        if len(calls) == 1:
            inside.set()
            done.wait(HELD_FOR)
        return ticket

    monkeypatch.setattr(ticket_api, "intake_record", record)


def test_one_of_two_simultaneous_requests_with_one_key_writes(live_personas, monkeypatch):
    inside, done = threading.Event(), threading.Event()
    _held_first_write(monkeypatch, inside, done)
    token = ApiToken.issue(live_personas.alice)[1]
    before = Ticket.objects.count()
    answers: dict[str, object] = {}

    def send(name: str) -> None:
        try:
            answers[name] = Client(headers={"Authorization": f"Bearer {token}"}).post(
                "/api/v1/tickets",
                json.dumps(NEW_TICKET),
                content_type="application/json",
                headers={"Idempotency-Key": "same-key"},
            )
        except BaseException as error:  # noqa: BLE001 - reported by the test
            answers[name] = error
        finally:
            if name == "second":
                done.set()
            connection.close()

    first = threading.Thread(target=send, args=("first",))
    first.start()
    assert inside.wait(30), "the first request never reached its write"
    second = threading.Thread(target=send, args=("second",))
    second.start()
    first.join(60)
    second.join(60)

    won, lost = answers["first"], answers["second"]
    assert won.status_code == 201, won  # type: ignore[union-attr]
    assert lost.status_code == 409, lost  # type: ignore[union-attr]
    assert lost["Content-Type"] == "application/problem+json"  # type: ignore[index]
    assert "Idempotency-Key" in lost.json()["detail"]  # type: ignore[union-attr]
    assert Ticket.objects.count() - before == 1

    retry = Client(headers={"Authorization": f"Bearer {token}"}).post(
        "/api/v1/tickets",
        json.dumps(NEW_TICKET),
        content_type="application/json",
        headers={"Idempotency-Key": "same-key"},
    )
    assert retry.status_code == 201
    assert retry.json() == won.json()  # type: ignore[union-attr]
    assert retry["Idempotent-Replayed"] == "true"
    assert Ticket.objects.count() - before == 1
