"""A side form of the ticket page that fails shows the page again: the error beside its
field, what the agent typed still there, nothing saved."""

from charterdesk.commitments.models import Commitment
from charterdesk.escalations.models import Escalation
from charterdesk.estimates.models import Estimate
from tests.desk.helpers import field_html
from tests.estimates.factories import consulting_ticket
from tests.tickets.factories import open_ticket


def test_a_promise_due_in_the_past_is_refused_beside_its_due_time(personas, login):
    ticket = open_ticket()
    response = login(personas.tier1).post(
        f"/desk/tickets/{ticket.pk}/commitments",
        {
            "text": "Call back after the release",
            "due_at": "2001-01-01T10:00",
            "owner": personas.tier1.pk,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and f"/desk/tickets/{ticket.pk}/commitments" in html
    assert "The due time must be in the future" in field_html(
        html, "due_at", f"/desk/tickets/{ticket.pk}/commitments"
    )
    assert 'value="Call back after the release"' in field_html(
        html, "text", f"/desk/tickets/{ticket.pk}/commitments"
    )
    assert not Commitment.objects.exists()


def test_an_escalation_without_a_hand_off_note_keeps_the_reason(personas, login):
    ticket = open_ticket()
    html = (
        login(personas.tier1)
        .post(
            f"/desk/tickets/{ticket.pk}/escalate",
            {"kind": "functional", "reason": "Database corruption suspected", "note": ""},
        )
        .content.decode()
    )
    assert "Write a hand-off note" in field_html(
        html, "note", f"/desk/tickets/{ticket.pk}/escalate"
    )
    assert 'value="Database corruption suspected"' in field_html(
        html, "reason", f"/desk/tickets/{ticket.pk}/escalate"
    )
    assert "<details open><summary>Escalate</summary>" in html
    assert not Escalation.objects.exists()


def test_an_estimate_without_scope_keeps_its_hours_and_rate(personas, login):
    ticket = consulting_ticket()
    html = (
        login(personas.tier1)
        .post(f"/desk/tickets/{ticket.pk}/estimates", {"hours": "7.5", "rate": "120", "scope": ""})
        .content.decode()
    )
    assert "This field is required" in field_html(html, "scope")
    assert 'value="7.5"' in field_html(html, "hours")
    assert not Estimate.objects.exists()


def test_a_help_request_without_skills_keeps_what_was_asked(personas, login):
    ticket = open_ticket()
    html = (
        login(personas.tier1)
        .post(f"/desk/tickets/{ticket.pk}/help", {"skills": "", "note": "Kernel panic on boot"})
        .content.decode()
    )
    assert "This field is required" in field_html(html, "skills", f"/desk/tickets/{ticket.pk}/help")
    assert "Kernel panic on boot" in field_html(html, "note", f"/desk/tickets/{ticket.pk}/help")


def test_a_time_entry_refused_by_the_service_shows_its_reason_beside_the_field(personas, login):
    ticket = open_ticket()
    html = (
        login(personas.tier1)
        .post(
            f"/desk/tickets/{ticket.pk}/time",
            {"minutes": "30", "activity": "reply", "worked_at": "2098-01-01T10:00"},
        )
        .content.decode()
    )
    assert "Time cannot be logged for work in the future." in field_html(html, "worked_at")
    assert 'value="30"' in field_html(html, "minutes")
