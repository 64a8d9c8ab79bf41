"""The worked example of docs/sla.md, step by step, so the docs stay true."""

from datetime import UTC, datetime, timedelta

import time_machine

from charterdesk.sla.models import SlaClock
from charterdesk.sla.sweep import sweep
from charterdesk.tickets.services import message_add, ticket_update
from tests.tickets.factories import open_ticket

DAY = datetime(2026, 11, 23, tzinfo=UTC)


def at(hour: int, minute: int = 0):  # type: ignore[no-untyped-def]
    return time_machine.travel(DAY + timedelta(hours=hour, minutes=minute), tick=False)


def t(hour: int, minute: int = 0) -> datetime:
    return DAY + timedelta(hours=hour, minutes=minute)


def latest(ticket, metric):  # type: ignore[no-untyped-def]
    return SlaClock.objects.filter(ticket=ticket, metric=metric).order_by("-id").first()


def test_the_checkout_outage_of_the_sla_docs(personas):
    with at(10):
        ticket = open_ticket(
            "alice@acme.example",
            subject="Checkout returns 502",
            request_type="downtime",
            priority="urgent",
        )
    assert latest(ticket, "first_reply").due_at == t(10, 30)
    assert latest(ticket, "first_reply").warn_at == t(10)
    assert latest(ticket, "resolution").due_at == t(14)

    with at(10, 20):
        message_add(ticket, personas.tier2, "Restarting the EU backends.")
    first = latest(ticket, "first_reply")
    assert (first.state, first.used_before, first.breached) == ("fulfilled", 20 * 60, False)
    assert latest(ticket, "periodic_update").due_at == t(11, 20)

    with at(11):
        ticket_update(ticket, personas.tier2, status="pending")
    resolution = latest(ticket, "resolution")
    assert (resolution.state, resolution.used_before) == ("paused", 60 * 60)
    assert latest(ticket, "periodic_update").state == "paused"

    with at(13):
        message_add(ticket, personas.alice, "Here are the logs.")
    assert latest(ticket, "resolution").due_at == t(16)
    assert latest(ticket, "periodic_update").due_at == t(13, 20)
    assert latest(ticket, "next_reply").due_at == t(13, 30)

    breached = sweep(t(13, 45)).breached
    assert set(breached) == {latest(ticket, "next_reply").pk, latest(ticket, "periodic_update").pk}

    with at(13, 50):
        message_add(ticket, personas.tier2, "Fixed: a bad config push.")
    next_reply = latest(ticket, "next_reply")
    assert (next_reply.state, next_reply.breached) == ("fulfilled", True)
    assert latest(ticket, "periodic_update").due_at == t(14, 50)

    with at(15):
        ticket_update(ticket, personas.tier2, status="solved")
    resolution = latest(ticket, "resolution")
    assert (resolution.state, resolution.breached, resolution.used_before) == (
        "fulfilled",
        False,
        180 * 60,
    )
