"""New tickets from affected organizations that name the service are linked; their
first-reply clock waits for the incident; on resolution they are answered and solved."""

from django.utils import timezone

from charterdesk.incidents import services
from charterdesk.incidents.models import IncidentTicket
from charterdesk.sla.models import ClockState, SlaClock
from charterdesk.tickets.models import Status
from tests.tickets.factories import open_ticket

from .factories import acme_outage


def test_a_ticket_naming_the_service_is_linked_and_its_first_reply_waits(personas):
    incident = acme_outage(personas)
    ticket = open_ticket(subject="Cloud does not load", body="Since ten minutes.")
    assert IncidentTicket.objects.filter(incident=incident, ticket=ticket, automatic=True).exists()
    clock = SlaClock.objects.get(ticket=ticket, metric="first_reply")
    assert clock.state == ClockState.PAUSED
    assert ticket.events.filter(field="incident").exists()  # in the ticket's history


def test_other_tickets_and_other_organizations_are_not_linked(personas):
    incident = acme_outage(personas)
    unrelated = open_ticket(subject="Invoice question", body="Where is my invoice?")
    globex = open_ticket("bob@globex.example", subject="Cloud is down for us")
    assert not IncidentTicket.objects.filter(incident=incident).exists()
    assert SlaClock.objects.get(ticket=unrelated, metric="first_reply").state == "active"
    assert not globex.incident_links.exists()


def test_agents_unlink_and_the_clock_runs_again(personas):
    incident = acme_outage(personas)
    ticket = open_ticket(subject="Cloud is down")
    services.ticket_unlink(incident, ticket, personas.tier1, timezone.now())
    assert not IncidentTicket.objects.filter(ticket=ticket).exists()
    assert SlaClock.objects.get(ticket=ticket, metric="first_reply").state == ClockState.ACTIVE


def test_resolution_answers_linked_tickets_and_solves_all_but_the_kept(personas):
    incident = acme_outage(personas)
    solved = open_ticket(subject="Cloud down")
    kept = open_ticket(subject="Cloud down and my data looks wrong")
    services.incident_resolve(
        incident,
        personas.tier3,
        message="Fixed at 10:20.",
        keep_open={kept.pk},
        now=timezone.now(),
    )
    solved.refresh_from_db()
    kept.refresh_from_db()
    assert solved.status == Status.SOLVED
    assert kept.status != Status.SOLVED
    for ticket in (solved, kept):
        reply = ticket.messages.filter(from_staff=True).get()
        assert "Fixed at 10:20." in reply.body
        assert reply.visibility == "public"
