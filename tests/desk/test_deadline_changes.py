"""Deadlines set by hand stay between the clock's start and a year ahead; the error shows
where the form is; the API tells a client the clock id the override takes."""

import json
from datetime import timedelta

from django.utils import timezone

from tests.desk.helpers import field_html
from tests.tickets.factories import open_ticket


def _post(client, ticket, clock, due):  # type: ignore[no-untyped-def]
    return client.post(
        f"/desk/tickets/{ticket.pk}/sla-override",
        {"clock": clock.pk, "due_at": due.strftime("%Y-%m-%dT%H:%M"), "reason": "Agreed by phone"},
    )


def test_a_deadline_before_the_clock_started_is_refused_beside_the_field(personas, login):
    ticket = open_ticket(request_type="downtime", priority="urgent")
    clock = ticket.clocks.get(metric="first_reply")
    html = _post(login(personas.tier2), ticket, clock, clock.started_at - timedelta(days=2))
    html = html.content.decode()
    assert "cannot come before its clock started" in field_html(
        html, "due_at", f"/desk/tickets/{ticket.pk}/sla-override"
    )
    assert '<details open id="sla-override">' in html
    clock.refresh_from_db()
    assert not clock.overridden


def test_a_deadline_more_than_a_year_ahead_is_refused(personas, login):
    ticket = open_ticket(request_type="downtime", priority="urgent")
    clock = ticket.clocks.get(metric="first_reply")
    html = _post(login(personas.tier2), ticket, clock, timezone.now() + timedelta(days=400))
    assert "at most a year ahead" in html.content.decode()


def test_the_api_gives_the_clock_id_the_override_endpoint_takes(personas, api):
    ticket = open_ticket(request_type="downtime", priority="urgent")
    client = api.as_(personas.tier2)
    sla = client.get(f"/api/v1/tickets/{ticket.pk}").json()["sla"]
    first_reply = next(c for c in sla if c["metric"] == "first_reply")
    due = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    response = client.post(
        f"/api/v1/tickets/{ticket.pk}/sla/{first_reply['id']}/override",
        json.dumps({"due_at": due.isoformat(), "reason": "Maintenance window"}),
        content_type="application/json",
    )
    assert response.status_code == 200
    again = client.get(f"/api/v1/tickets/{ticket.pk}").json()["sla"]
    assert next(c for c in again if c["id"] == first_reply["id"])["due_at"].startswith(
        due.strftime("%Y-%m-%dT%H:%M")
    )
