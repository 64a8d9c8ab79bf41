import pytest
from django.core.exceptions import ValidationError

from charterdesk.escalations.lines import escalation_owner
from charterdesk.escalations.models import EscalationKind
from charterdesk.escalations.services import ticket_escalate
from charterdesk.routing.models import Team
from tests.escalations.helpers import mail_to
from tests.tickets.factories import open_ticket

UP_THE_LINE = EscalationKind.HIERARCHICAL


@pytest.fixture
def line(personas):  # type: ignore[no-untyped-def]
    """Frontline led by tier2; Acme's relationship manager is the manager."""
    Team.objects.filter(name="Frontline").update(lead=personas.tier2)
    return personas


def test_first_the_team_lead_then_the_relationship_manager_owns_the_escalation(line):
    ticket = open_ticket()
    first = ticket_escalate(ticket, line.tier1, kind=UP_THE_LINE, reason="Customer's CEO called")
    assert first.to_owner == line.tier2 and escalation_owner(ticket) == line.tier2
    second = ticket_escalate(ticket, line.tier2, kind=UP_THE_LINE, reason="Renewal at risk")
    assert (second.from_owner, second.to_owner) == (line.tier2, line.manager)
    assert escalation_owner(ticket) == line.manager


def test_the_new_owner_is_told_by_mail_at_once(line):
    ticket = open_ticket()
    ticket_escalate(ticket, line.tier1, kind=UP_THE_LINE, reason="Third outage this week")
    [mail] = mail_to("tier2@charterdesk.example", ticket)
    assert "Escalated to you" in mail.subject
    assert "Third outage this week" in mail.text


def test_the_team_lead_escalating_goes_straight_to_the_relationship_manager(line):
    ticket = open_ticket()
    escalation = ticket_escalate(ticket, line.tier2, kind=UP_THE_LINE, reason="Needs a manager")
    assert escalation.to_owner == line.manager


def test_the_top_of_the_line_cannot_be_passed(line):
    ticket = open_ticket()
    ticket_escalate(ticket, line.tier1, kind=UP_THE_LINE, reason="one")
    ticket_escalate(ticket, line.tier1, kind=UP_THE_LINE, reason="two")
    with pytest.raises(ValidationError) as caught:
        ticket_escalate(ticket, line.tier1, kind=UP_THE_LINE, reason="three")
    assert "top of the management line" in caught.value.message_dict["kind"][0]


def test_the_escalation_owner_shows_on_the_desk_ticket_page(line, login):
    ticket = open_ticket()
    ticket_escalate(ticket, line.tier1, kind=UP_THE_LINE, reason="VIP")
    page = login(line.tier1).get(f"/desk/tickets/{ticket.pk}/")
    assert page.status_code == 200
    owner = page.content.decode().split('class="escalation-owner">')[1].split("<")[0]
    assert owner == "Priya Natarajan"


def test_an_agent_escalates_from_the_desk_page_and_errors_are_shown(line, login):
    ticket = open_ticket()
    client = login(line.tier1)
    url = f"/desk/tickets/{ticket.pk}/escalate"
    refused = client.post(url, {"kind": "functional", "reason": "stuck", "note": ""}, follow=True)
    assert "Write a hand-off note" in refused.content.decode()
    done = client.post(
        url, {"kind": "functional", "reason": "stuck", "note": "tried a restart"}, follow=True
    )
    assert "Escalated to Incidents" in done.content.decode()
    ticket.refresh_from_db()
    assert ticket.queue.tier == 2


def test_the_owner_finds_the_open_tickets_escalated_to_them(line, login):
    mine, passed_on = open_ticket(subject="Mine to follow"), open_ticket(subject="Passed on")
    for ticket in (mine, passed_on):
        ticket_escalate(ticket, line.tier1, kind=UP_THE_LINE, reason="VIP")
    ticket_escalate(passed_on, line.tier2, kind=UP_THE_LINE, reason="Above me")
    page = login(line.tier2).get("/desk/escalation-requests").content.decode()
    owned = page.split('id="owned"')[1]
    assert "Mine to follow" in owned and "Passed on" not in owned
    assert "Passed on" in login(line.manager).get("/desk/escalation-requests").content.decode()
