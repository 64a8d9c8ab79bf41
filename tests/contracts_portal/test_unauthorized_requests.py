from django.utils import timezone

from charterdesk.intake.sweep import sweep_unauthorized
from charterdesk.mail.models import OutboundMail
from tests.tickets.factories import open_ticket


def _notices() -> list[str]:
    return sorted(
        OutboundMail.objects.filter(subject__contains="needs an authorized contact").values_list(
            "recipient", flat=True
        )
    )


def test_a_request_from_a_contact_who_is_not_authorized_gets_a_clear_answer(personas):
    ticket = open_ticket("milton@initech.example")
    assert ticket.coverage == "not_covered"
    assert "is not an authorized contact under the Bronze plan" in ticket.coverage_reason
    assert ticket.get_coverage_alternative_display() == "Ask one of your authorized contacts"


def test_the_authorized_contacts_are_told_once_per_request(personas):
    ticket = open_ticket("milton@initech.example")
    assert sweep_unauthorized(timezone.now()) == 1
    assert sweep_unauthorized(timezone.now()) == 0
    assert _notices() == ["carol@initech.example"]
    event = ticket.events.get(kind="mail", field="authorized_contacts")
    assert event.internal is True


def test_requests_from_authorized_contacts_tell_nobody(personas):
    open_ticket("carol@initech.example")
    assert sweep_unauthorized(timezone.now()) == 0
    assert _notices() == []
