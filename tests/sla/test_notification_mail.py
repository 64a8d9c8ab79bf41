"""SLA warnings and breaches reach people through the outbox, like every other mail: a row
per person, sent after the sweep commits, never to a bouncing address."""

from datetime import UTC, datetime, timedelta

import time_machine
from django.core import mail
from django.utils import timezone

from charterdesk.customers.models import Contact
from charterdesk.mail.models import Delivery, OutboundMail
from charterdesk.plans.models import Plan
from charterdesk.sla.sweep import sweep
from charterdesk.tickets.services import ticket_update
from tests.tickets.factories import open_ticket

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
WARNING = MONDAY_10 + timedelta(minutes=20)  # Gold, urgent downtime: due in 30, warned at 20


def assigned_downtime(personas, subject="Site down"):  # type: ignore[no-untyped-def]
    with time_machine.travel(MONDAY_10, tick=False):
        ticket = open_ticket(
            "alice@acme.example", subject=subject, request_type="downtime", priority="urgent"
        )
    ticket_update(ticket, personas.tier1, assignee=personas.tier1)
    return ticket


def test_a_warning_is_one_outbox_mail_per_person_listing_each_ticket(
    personas, django_capture_on_commit_callbacks
):
    Plan.objects.filter(name="Gold").update(sla_warn_minutes=10)
    first = assigned_downtime(personas, "Site down")
    second = assigned_downtime(personas, "Checkout down")
    with django_capture_on_commit_callbacks(execute=True):
        assert len(sweep(WARNING).warned) == 2
    (row,) = OutboundMail.objects.filter(recipient="tier1@charterdesk.example")
    assert row.subject == "SLA warned: 2 ticket deadline(s)"
    assert row.state == Delivery.SENT
    (sent,) = [m for m in mail.outbox if m.to == ["tier1@charterdesk.example"]]
    assert sent.subject == "SLA warned: 2 ticket deadline(s)"
    assert "These deadlines are close:" in sent.body
    for ticket in (first, second):
        assert f"#{ticket.pk} {ticket.subject}" in sent.body
        assert f"/desk/tickets/{ticket.pk}/" in sent.body


def test_nothing_is_mailed_before_the_sweep_commits(personas, django_capture_on_commit_callbacks):
    Plan.objects.filter(name="Gold").update(sla_warn_minutes=10)
    assigned_downtime(personas)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sweep(WARNING)
    assert OutboundMail.objects.filter(recipient="tier1@charterdesk.example").exists()
    assert callbacks and mail.outbox == []


def test_a_bouncing_address_is_held_back_and_shown_on_the_outbox_page(
    personas, login, django_capture_on_commit_callbacks
):
    Plan.objects.filter(name="Gold").update(sla_warn_minutes=10)
    Contact.objects.create(email="tier1@charterdesk.example", bouncing_since=timezone.now())
    assigned_downtime(personas)
    with django_capture_on_commit_callbacks(execute=True):
        sweep(WARNING)
    row = OutboundMail.objects.get(recipient="tier1@charterdesk.example")
    assert row.state == Delivery.SUPPRESSED
    assert [m for m in mail.outbox if "SLA" in m.subject] == []
    page = login(personas.manager).get("/desk/mail/outbox/").content.decode()
    assert "tier1@charterdesk.example" in page and "SLA warned: 1 ticket deadline(s)" in page
