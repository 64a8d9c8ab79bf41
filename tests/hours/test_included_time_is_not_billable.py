"""Time on a request the plan includes is not billable unless the agent says so."""

from charterdesk.hours.services import time_entry_create
from tests.hours.factories import metered_ticket
from tests.tickets.factories import open_ticket


def test_time_on_an_included_request_is_not_billable_by_default(personas):
    ticket = open_ticket()
    assert ticket.coverage == "included"
    entry = time_entry_create(ticket, personas.tier1, minutes=20, activity="reply")
    assert entry.billable is False


def test_the_agent_can_still_mark_included_time_billable(personas):
    entry = time_entry_create(
        open_ticket(), personas.tier1, minutes=20, activity="reply", billable=True
    )
    assert entry.billable is True


def test_metered_time_stays_billable_by_default(personas):
    entry = time_entry_create(metered_ticket(), personas.tier1, minutes=20, activity="reply")
    assert entry.billable is True


def test_the_desk_form_starts_unticked_on_an_included_request(personas, login):
    ticket = open_ticket()
    page = login(personas.tier1).get(f"/desk/tickets/{ticket.pk}/").content.decode()
    box = (
        page.split('name="billable"', 1)[0].rsplit("<input", 1)[1]
        + page.split('name="billable"', 1)[1].split(">", 1)[0]
    )
    assert "checked" not in box


def test_the_api_defaults_to_the_coverage_too(personas, api):
    ticket = open_ticket()
    response = api.as_(personas.tier1).post(
        f"/api/v1/tickets/{ticket.pk}/time-entries",
        {"minutes": 15, "activity": "reply"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["billable"] is False
