"""The incident rule is the plan's (Plan.incident_rule): by default a ticket linked to an
incident the customers were alerted about has its first-reply clock paused, also when the
alert goes out after the link (a severity that holds alerts back); a plan that keeps the
clocks running pauses nothing."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.customers.models import Contact
from charterdesk.incidents import services
from charterdesk.incidents.models import Incident
from charterdesk.plans.models import IncidentRule, Plan
from charterdesk.sla.models import ClockState, SlaClock, SlaEvent, SlaEventKind
from charterdesk.tickets.models import Ticket
from tests.tickets.factories import open_ticket

from .factories import acme_outage, deploy, service, severity


def _first_reply(ticket: Ticket) -> str:
    return SlaClock.objects.get(ticket=ticket, metric="first_reply").state


def _held_back_outage(personas) -> Incident:
    """Cloud is down for Acme; the severity holds the first alert back 30 minutes."""
    cloud = service("Cloud")
    deploy(personas.alice.contact.organization, cloud, "EU")
    now = timezone.now()
    incident = services.incident_open(
        personas.tier1, title="Cloud is down", services=[cloud], now=now
    )
    return services.incident_qualify(
        incident,
        personas.tier3,
        confirm=True,
        severity=severity(2),
        alert_customers=True,
        next_update_at=now + timedelta(minutes=30),
        nature="Pages do not load.",
        now=now,
    )


def _acme_keeps_clocks_running() -> None:
    org = Contact.objects.get(email="alice@acme.example").organization
    for plan in Plan.objects.filter(contracts__organization=org).distinct():
        plan.incident_rule = IncidentRule.KEEP_RUNNING
        plan.save(update_fields=["incident_rule"])


def test_a_ticket_linked_before_a_held_back_alert_waits_once_the_alert_goes_out(personas):
    incident = _held_back_outage(personas)
    assert incident.first_alert_at is None
    ticket = open_ticket(subject="Cloud does not load")
    assert ticket.incident_links.filter(incident=incident).exists()
    assert _first_reply(ticket) == ClockState.ACTIVE  # nobody was told yet

    services.incident_alert(incident, timezone.now() + timedelta(minutes=31))
    assert _first_reply(ticket) == ClockState.PAUSED
    assert SlaEvent.objects.filter(clock__ticket=ticket, kind=SlaEventKind.PAUSED).exists()
    assert ticket.events.filter(note__contains="the customers were alerted").exists()
    ticket.refresh_from_db()
    assert ticket.first_reply_due_at is None  # the deadlines follow the paused clock


def test_a_plan_that_keeps_the_clocks_running_pauses_nothing(personas):
    _acme_keeps_clocks_running()
    acme_outage(personas)  # alerted at once
    ticket = open_ticket(subject="Cloud does not load")
    assert ticket.incident_links.exists()
    assert _first_reply(ticket) == ClockState.ACTIVE


def test_a_late_alert_keeps_the_clocks_running_when_the_plan_says_so(personas):
    _acme_keeps_clocks_running()
    incident = _held_back_outage(personas)
    ticket = open_ticket(subject="Cloud does not load")
    services.incident_alert(incident, timezone.now() + timedelta(minutes=31))
    assert _first_reply(ticket) == ClockState.ACTIVE
    assert not ticket.events.filter(note__contains="the customers were alerted").exists()
