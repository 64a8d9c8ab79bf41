"""Sender to contact to organization; unknown senders follow the policy, never dropped."""

from django.core import mail
from django.test import override_settings

from charterdesk.customers.models import Contact, Organization
from charterdesk.mail.models import InboundMail, Outcome
from charterdesk.tickets.models import Ticket

from .conftest import compose


def test_a_new_address_of_a_verified_domain_joins_its_organization(mail_in):
    result = mail_in(compose("dev@acme.example", "API timeouts", "Calls time out"))
    contact = Contact.objects.get(email="dev@acme.example")
    assert contact.organization.name == Ticket.objects.get(pk=result.ticket).organization.name
    assert contact.organization.name == "Acme Corp"


def test_an_address_of_a_domain_not_yet_verified_joins_no_organization(mail_in, personas):
    newco = Organization.objects.create(name="Newco")
    newco.domains.create(domain="newco.example")
    mail_in(compose("dev@newco.example", "API timeouts", "Calls time out"))
    assert Contact.objects.get(email="dev@newco.example").organization is None


def test_an_unknown_sender_lands_in_triage(mail_in):
    result = mail_in(compose("someone@unknown.example", "Hello", "Can you help?"))
    assert result.outcome == Outcome.TICKET_CREATED
    ticket = Ticket.objects.get(pk=result.ticket)
    assert ticket.queue.name == "Triage"
    assert ticket.coverage == "not_covered"
    assert ticket.requester.organization is None


@override_settings(MAIL_UNKNOWN_SENDERS="reject")
def test_the_reject_policy_answers_politely_and_keeps_the_mail(mail_in):
    result = mail_in(compose("someone@unknown.example", "Hello", "Can you help?"))
    assert result.outcome == Outcome.IGNORED
    assert mail.outbox[-1].to == ["someone@unknown.example"]
    assert "could not find your address" in mail.outbox[-1].body
    assert InboundMail.objects.filter(from_address__contains="someone@unknown.example").exists()
    assert not Contact.objects.filter(email="someone@unknown.example").exists()
