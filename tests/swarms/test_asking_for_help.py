import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.swarms.services import help_request_create
from tests.escalations.helpers import mail_to
from tests.swarms.helpers import skilled
from tests.tickets.factories import open_ticket


def test_agents_whose_skills_match_are_told_by_mail(personas):
    skilled(personas.tier2, "postgres", "billing")
    skilled(personas.tier3, "kernel")
    skilled(personas.manager, "Postgres", available=False)
    ticket = open_ticket()
    asked = help_request_create(
        ticket, personas.tier1, skills=["PostgreSQL", "postgres "], note="Deadlock at night"
    )
    assert asked.skills == ["postgresql", "postgres"]
    assert asked.notified == ["tier2@charterdesk.example"]
    [mail] = mail_to("tier2@charterdesk.example", ticket)
    assert "Help wanted (postgresql, postgres)" in mail.subject and "Deadlock" in mail.text
    assert mail_to("tier3@charterdesk.example") == []


def test_the_help_request_is_in_the_history_for_agents_only(personas):
    skilled(personas.tier2, "postgres")
    ticket = open_ticket()
    help_request_create(ticket, personas.tier1, skills=["postgres"], note="Need a DBA")
    event = ticket.events.get(kind="collaborator", field="help_request")
    assert event.internal is True and "Priya Natarajan" in event.note


def test_skills_are_required(personas):
    with pytest.raises(ValidationError) as caught:
        help_request_create(open_ticket(), personas.tier1, skills=[" ", ""])
    assert "skills" in caught.value.message_dict


def test_customers_cannot_ask_for_help(personas):
    with pytest.raises(PermissionDenied):
        help_request_create(open_ticket(), personas.alice, skills=["x"])


def test_an_agent_asks_from_the_desk_page(personas, login):
    skilled(personas.tier3, "kernel")
    ticket = open_ticket()
    page = login(personas.tier1).post(
        f"/desk/tickets/{ticket.pk}/help", {"skills": "kernel, io", "note": "oops"}, follow=True
    )
    assert "Help asked; told tier3@charterdesk.example" in page.content.decode()
