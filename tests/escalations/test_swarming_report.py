from datetime import UTC, datetime, timedelta

import pytest

from charterdesk.escalations.models import EscalationKind
from charterdesk.escalations.services import ticket_escalate
from charterdesk.hours.models import Activity, TimeEntry
from charterdesk.swarms.services import collaborator_add
from charterdesk.tickets.services import message_add, ticket_update
from tests.escalations.helpers import swarm_queue
from tests.tickets.factories import open_ticket

T0 = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)
PERIOD = "from=2026-11-09T00:00:00Z&to=2026-11-12T00:00:00Z"


def solve(ticket, agent, hours):  # type: ignore[no-untyped-def]
    ticket_update(ticket, agent, at=T0 + timedelta(hours=hours), status="solved")


@pytest.fixture
def resolved(personas):  # type: ignore[no-untyped-def]
    """Tiered: 2 h (one hand-off), 6 h (reopened once), 10 h. Swarm: 1 h (a collaborator
    logs 30 of its 45 minutes), 3 h."""
    agent = personas.tier1
    handed_off = open_ticket(at=T0)
    ticket_escalate(handed_off, agent, kind=EscalationKind.FUNCTIONAL, reason="r", note="n", at=T0)
    solve(handed_off, personas.tier2, 2)
    reopened = open_ticket(at=T0)
    solve(reopened, agent, 4)
    message_add(reopened, personas.alice, "Still broken", at=T0 + timedelta(hours=5))
    solve(reopened, agent, 6)
    solve(open_ticket(at=T0), agent, 10)
    swarm = swarm_queue()
    fast, slower = open_ticket(at=T0), open_ticket(at=T0)
    for ticket in (fast, slower):
        ticket_update(ticket, personas.tier2, queue=swarm, assignee=personas.tier2, at=T0)
    collaborator_add(fast, personas.tier2, personas.tier3, at=T0)
    for who, minutes in ((personas.tier3, 30), (personas.tier2, 15)):
        TimeEntry.objects.create(
            ticket=fast, agent=who, minutes=minutes, activity=Activity.INVESTIGATION
        )
    solve(fast, personas.tier2, 1)
    solve(slower, personas.tier2, 3)
    return personas


def test_swarm_and_tiered_queues_are_compared(resolved, api, django_assert_max_num_queries):
    client = api.as_(resolved.manager)
    with django_assert_max_num_queries(12):
        response = client.get(f"/api/v1/reports/swarming?{PERIOD}")
    assert response.status_code == 200, response.content
    modes = {m["mode"]: m for m in response.json()["modes"]}
    tiered, swarm = modes["tiered"], modes["swarm"]
    assert (tiered["resolved"], tiered["median_hours"], tiered["average_hours"]) == (3, 6.0, 6.0)
    assert (tiered["handoffs_per_ticket"], tiered["reopen_rate"]) == (0.33, 0.33)
    assert (swarm["resolved"], swarm["median_hours"], swarm["average_hours"]) == (2, 2.0, 2.0)
    assert (swarm["handoffs_per_ticket"], swarm["reopen_rate"]) == (0.0, 0.0)
    assert swarm["collaborators_per_ticket"] == 0.5
    assert (swarm["minutes_logged"], swarm["collaborator_minutes"]) == (45, 30)


def test_the_number_of_queries_does_not_grow_with_tickets(
    resolved, api, django_assert_max_num_queries
):
    for _ in range(5):
        solve(open_ticket(at=T0), resolved.tier1, 7)
    with django_assert_max_num_queries(12):
        modes = api.as_(resolved.manager).get(f"/api/v1/reports/swarming?{PERIOD}").json()
    assert modes["modes"][0]["resolved"] == 8


def test_the_report_page_shows_both_modes(resolved, login):
    page = login(resolved.manager).get("/desk/reports/swarming?start=2026-11-09&end=2026-11-12")
    body = page.content.decode()
    assert 'class="mode-swarm"><td>Swarm' in body and "6.0 h" in body


def test_customers_cannot_read_the_report_and_bad_periods_are_field_errors(resolved, api):
    assert api.as_(resolved.alice).get("/api/v1/reports/swarming").status_code == 403
    backwards = api.as_(resolved.manager).get(
        "/api/v1/reports/swarming?from=2026-11-12T00:00:00Z&to=2026-11-09T00:00:00Z"
    )
    garbage = api.as_(resolved.manager).get("/api/v1/reports/swarming?from=yesterday")
    assert (backwards.status_code, garbage.status_code) == (422, 422)
    assert "from" in backwards.json()["errors"] and "from" in garbage.json()["errors"]


def test_dates_without_a_time_are_days_in_the_site_time_zone(resolved, api):
    response = api.as_(resolved.manager).get(
        "/api/v1/reports/swarming?from=2026-11-09&to=2026-11-12"
    )
    assert response.status_code == 200, response.content
    assert response.json()["modes"][0]["resolved"] == 3
