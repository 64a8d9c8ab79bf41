"""New tickets from affected organizations that name the service are linked; their
first-reply clock waits for the incident; on resolution they are answered and solved."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from charterdesk.incidents import services
from charterdesk.incidents.choices import EventKind
from charterdesk.incidents.models import IncidentTicket
from charterdesk.sla.deadlines import HOUSE_TARGETS
from charterdesk.sla.models import ClockState, SlaClock, SlaEvent, SlaEventKind
from charterdesk.tickets.models import Status, Ticket
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


def test_a_ticket_linked_at_intake_is_written_once_with_its_history_and_clocks_exact(personas):
    """Linked while it is created: the first-reply clock is written paused (activated,
    then paused, both on the record), the ticket with the deadlines that follow, the
    link and the incident's timeline line in one statement each: two statements more
    than a ticket that names no incident (was 13)."""
    incident = acme_outage(personas)
    open_ticket(subject="Cloud does not load", body="Warms the caches.")
    with CaptureQueriesContext(connection) as plain:
        open_ticket(subject="Invoice question", body="Where is my invoice?")
    with CaptureQueriesContext(connection) as linked:
        ticket = open_ticket(subject="Cloud does not load", body="Since ten minutes.")
    assert len(linked) == len(plain) + 2
    ticket = Ticket.objects.get(pk=ticket.pk)
    first = SlaClock.objects.get(ticket=ticket, metric="first_reply")
    assert (first.state, first.due_at, first.running_since, first.used_before) == (
        ClockState.PAUSED,
        None,
        None,
        0,
    )
    note = f"Linked to incident #{incident.pk}: {incident.title}"
    events = list(SlaEvent.objects.filter(clock=first).order_by("id"))
    assert [(e.kind, e.note, e.ticket_id) for e in events] == [
        (SlaEventKind.ACTIVATED, "", ticket.pk),
        (SlaEventKind.PAUSED, note, ticket.pk),
    ]
    assert events[0].due_at is not None and events[1].due_at is None
    assert ticket.first_reply_due_at is None
    running = SlaClock.objects.filter(ticket=ticket, state=ClockState.ACTIVE)
    nearest = min((c.due_at for c in running if c.due_at), default=None)
    assert ticket.attention_at == (nearest or ticket.created_at + HOUSE_TARGETS[ticket.priority])
    line = ticket.events.get(field="incident")
    assert (line.kind, line.new_value, line.note) == ("changed", str(incident.pk), note)
    assert ticket.events.order_by("-id").first() == line  # after the opening lines
    assert incident.events.filter(
        kind=EventKind.TICKET_LINKED, text=f"#{ticket.pk} linked automatically"
    ).exists()


def test_an_incident_not_yet_alerted_links_at_intake_without_a_hold(personas):
    incident = acme_outage(personas, alert=False)  # the customers were not told yet
    ticket = open_ticket(subject="Cloud does not load")
    assert IncidentTicket.objects.filter(incident=incident, ticket=ticket).exists()
    first = SlaClock.objects.get(ticket=ticket, metric="first_reply")
    assert first.state == ClockState.ACTIVE
    assert Ticket.objects.get(pk=ticket.pk).first_reply_due_at == first.due_at
    assert [e.kind for e in SlaEvent.objects.filter(clock=first)] == [SlaEventKind.ACTIVATED]


def test_unlinking_gives_back_the_first_reply_deadline_read_in_one_statement(personas):
    """The deadlines follow the clocks (both read in one written-out statement): an
    aware instant, equal to the running clock's."""
    acme_outage(personas)
    ticket = open_ticket(subject="Cloud is down")
    link = IncidentTicket.objects.get(ticket=ticket)
    with CaptureQueriesContext(connection) as queries:
        services.ticket_unlink(link.incident, ticket, personas.tier1, timezone.now())
    clock = SlaClock.objects.get(ticket=ticket, metric="first_reply")
    saved = Ticket.objects.get(pk=ticket.pk)
    assert saved.first_reply_due_at == clock.due_at == ticket.first_reply_due_at
    assert timezone.is_aware(ticket.first_reply_due_at)
    assert sum("sla_slaclock" in q["sql"] and q["sql"].startswith("SELECT") for q in queries) == 2
