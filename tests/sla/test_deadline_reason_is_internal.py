"""The reason an agent gives for setting a deadline by hand is internal: the customer sees
that the deadline moved, never why; agents read why."""

import json
from datetime import timedelta

from charterdesk.sla.services import sla_override
from tests.tickets.factories import open_ticket

REASON = "Legal is reviewing their contract, hold off"


def _overridden(personas):  # type: ignore[no-untyped-def]
    ticket = open_ticket("alice@acme.example", request_type="downtime", priority="urgent")
    clock = ticket.clocks.get(metric="first_reply")
    sla_override(clock, clock.due_at + timedelta(days=2), REASON, personas.tier2)
    return ticket


def test_the_customer_sees_the_deadline_moved_but_not_why(personas, login, api):
    ticket = _overridden(personas)
    page = login(personas.alice).get(f"/portal/tickets/{ticket.pk}/").content.decode()
    assert "Legal is reviewing" not in page
    history = api.as_(personas.alice).get(f"/api/v1/tickets/{ticket.pk}/history").json()
    assert any(e["field"] == "first_reply deadline" for e in history)
    assert not any("Legal" in json.dumps(e) for e in history)


def test_the_customers_sla_events_leave_the_reason_out(personas, api):
    ticket = _overridden(personas)
    events = api.as_(personas.alice).get(f"/api/v1/tickets/{ticket.pk}/sla-events").json()
    assert "Legal" not in json.dumps(events)
    assert any(e["note"] == "set by hand" and e["reason"] == "" for e in events)


def test_agents_read_the_reason_in_the_sla_events_history_and_desk(personas, login, api):
    ticket = _overridden(personas)
    client = api.as_(personas.tier1)
    events = client.get(f"/api/v1/tickets/{ticket.pk}/sla-events").json()
    assert any(e["reason"] == REASON for e in events)
    history = client.get(f"/api/v1/tickets/{ticket.pk}/history").json()
    assert any(e["note"] == REASON for e in history)
    assert REASON in login(personas.tier1).get(f"/desk/tickets/{ticket.pk}/").content.decode()
