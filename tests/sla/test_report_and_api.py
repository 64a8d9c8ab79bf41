import json
from datetime import UTC, date, datetime, timedelta

import time_machine
from django.utils import timezone

from charterdesk.sla.selectors import attainment
from charterdesk.sla.sweep import sweep
from charterdesk.tickets.services import message_add
from tests.tickets.factories import open_ticket

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def three_tickets(personas):  # type: ignore[no-untyped-def]
    """One first reply met, one breached and then met, one still running."""
    with time_machine.travel(MONDAY_10, tick=False):
        met = open_ticket("alice@acme.example", request_type="downtime", priority="urgent")
        late = open_ticket("alice@acme.example", request_type="downtime", priority="urgent")
        running = open_ticket("alice@acme.example", request_type="downtime", priority="urgent")
    with time_machine.travel(MONDAY_10 + timedelta(minutes=10), tick=False):
        message_add(met, personas.tier2, "on it")
    sweep(MONDAY_10 + timedelta(minutes=31))
    with time_machine.travel(MONDAY_10 + timedelta(minutes=40), tick=False):
        message_add(late, personas.tier2, "sorry")
    return met, late, running


def test_attainment_counts_achieved_breached_and_active(personas):
    three_tickets(personas)
    rows = {
        (r.plan, r.metric, r.priority): r for r in attainment(date(2026, 11, 1), date(2026, 11, 30))
    }
    first = rows["Gold", "first_reply", "urgent"]
    assert (first.achieved, first.breached, first.active) == (1, 2, 0)
    assert first.month == date(2026, 11, 1)
    assert first.attainment == 1 / 3


def test_sla_report_page_and_csv(login, personas):
    three_tickets(personas)
    client = login(personas.manager)
    page = client.get("/desk/reports/sla?start=2026-11-01&end=2026-11-30").content.decode()
    assert "Gold" in page and "First reply" in page and "first_reply<" not in page
    csv = client.get("/desk/reports/sla?start=2026-11-01&end=2026-11-30&format=csv")
    assert csv["Content-Type"] == "text/csv"
    assert "2026-11,Gold,first_reply,urgent,1,2,0,0.3333" in csv.content.decode()


def test_sla_report_rejects_a_backwards_period(login, personas):
    page = login(personas.manager).get("/desk/reports/sla?start=2026-11-30&end=2026-11-01")
    assert page.status_code == 200
    assert "The end is before the start." in page.content.decode()


def test_api_report_and_ticket_clocks(api, personas):
    met, late, running = three_tickets(personas)
    client = api.as_(personas.manager)
    report = client.get("/api/v1/reports/sla?from=2026-11-01&to=2026-11-30").json()
    first = [r for r in report if (r["metric"], r["priority"]) == ("first_reply", "urgent")]
    assert first[0]["month"] == "2026-11" and first[0]["breached"] == 2
    ticket = client.get(f"/api/v1/tickets/{late.pk}").json()
    clocks = {c["metric"]: c for c in ticket["sla"]}
    assert clocks["first_reply"]["state"] == "fulfilled"
    assert clocks["first_reply"]["breached"] is True
    assert clocks["first_reply"]["business_seconds_used"] == 40 * 60
    events = client.get(f"/api/v1/tickets/{late.pk}/sla-events").json()
    assert [e["kind"] for e in events if e["metric"] == "first_reply"] == [
        "activated",
        "warned",
        "breached",
        "fulfilled",
    ]


def test_customers_get_no_report_and_a_missing_period_is_a_problem(api, personas):
    assert (
        api.as_(personas.alice).get("/api/v1/reports/sla?from=2026-11-01&to=2026-11-30").status_code
        == 403
    )
    response = api.as_(personas.manager).get("/api/v1/reports/sla")
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"from", "to"}


def test_deadline_override_needs_a_reason_and_is_in_the_history(api, personas):
    ticket = open_ticket("alice@acme.example", request_type="downtime", priority="urgent")
    clock = ticket.clocks.get(metric="first_reply")
    client = api.as_(personas.tier2)
    url = f"/api/v1/tickets/{ticket.pk}/sla/{clock.pk}/override"
    due = (timezone.now() + timedelta(days=5)).replace(microsecond=0)
    body = {"due_at": due.isoformat(), "reason": ""}
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 422 and "reason" in response.json()["errors"]
    body["reason"] = "Customer asked us to wait for their maintenance window"
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 200
    assert datetime.fromisoformat(response.json()["due_at"]) == due
    history = client.get(f"/api/v1/tickets/{ticket.pk}/history").json()
    assert any(e["field"] == "first_reply deadline" and "maintenance" in e["note"] for e in history)
    assert (
        api.as_(personas.alice)
        .post(url, json.dumps(body), content_type="application/json")
        .status_code
        == 403
    )
