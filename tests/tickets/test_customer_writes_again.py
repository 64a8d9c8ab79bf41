"""A customer who writes again before anyone answered: the promises stand (no clock
starts or moves), while a ticket without a running deadline needs attention again."""

from datetime import UTC, datetime, timedelta

import time_machine

from charterdesk.core.vocabulary import Channel
from charterdesk.customers.models import Contact
from charterdesk.sla.models import SlaEvent
from charterdesk.tickets.services import message_add

from .factories import open_ticket

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def test_a_second_mail_before_the_first_answer_keeps_the_promised_first_reply(personas):
    with time_machine.travel(MONDAY_10, tick=False):
        ticket = open_ticket("alice@acme.example")
    promised, attention = ticket.first_reply_due_at, ticket.attention_at
    events = SlaEvent.objects.filter(ticket=ticket).count()
    with time_machine.travel(MONDAY_10 + timedelta(minutes=20), tick=False):
        message_add(ticket, personas.alice, "Any news? It still fails.")
    ticket.refresh_from_db()
    assert promised is not None
    assert (ticket.first_reply_due_at, ticket.attention_at) == (promised, attention)
    assert SlaEvent.objects.filter(ticket=ticket).count() == events


def test_a_second_mail_on_a_ticket_without_deadline_needs_attention_from_that_mail(personas):
    milton = Contact.objects.get(email="milton@initech.example")  # not authorized: no SLA
    with time_machine.travel(MONDAY_10, tick=False):
        ticket = open_ticket("milton@initech.example")
    assert ticket.first_reply_due_at is None
    later = MONDAY_10 + timedelta(hours=3)
    with time_machine.travel(later, tick=False):
        message_add(ticket, None, "Still no stapler.", channel=Channel.EMAIL, contact=milton)
    ticket.refresh_from_db()
    assert ticket.attention_at == later + timedelta(hours=24)  # house target, normal
