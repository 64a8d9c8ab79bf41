"""Tickets linked to an incident: by agents, automatically at intake, and settled on
resolution."""

from collections.abc import Collection
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q

from charterdesk.accounts.models import User
from charterdesk.core import config_cache
from charterdesk.sla.deadlines import refresh
from charterdesk.sla.services import sla_first_reply_hold
from charterdesk.tickets.models import OPEN_STATUSES as TICKET_OPEN
from charterdesk.tickets.models import EventKind as TicketEventKind
from charterdesk.tickets.models import Status, Ticket
from charterdesk.tickets.services.changes import ticket_update
from charterdesk.tickets.services.history import record
from charterdesk.tickets.services.messages import message_add

from ..audience import affected_service_ids, service_parents
from ..choices import OPEN_STATUSES, EventKind, Qualification, TemplateKind
from ..models import AudienceOrganization, Incident, IncidentTicket, Service
from ..timeline import event
from ..wording import rendered, values_for
from .checks import check_runner


def ticket_link(
    incident: Incident, ticket: Ticket, actor: User | None, now: datetime, *, automatic: bool
) -> IncidentTicket:
    """Link a ticket (idempotent). When the customers were already told about the
    incident, the ticket's first-reply clock waits for it (the incident rule)."""
    check_runner(actor)
    if incident.qualification == Qualification.DISMISSED:
        raise ValidationError({"incident_id": "This incident was dismissed."})
    link, created = IncidentTicket.objects.get_or_create(
        incident=incident,
        ticket=ticket,
        defaults={"automatic": automatic, "linked_by": actor, "linked_at": now},
    )
    if not created:
        return link
    note = f"Linked to incident #{incident.pk}: {incident.title}"
    record(ticket, actor, TicketEventKind.CHANGED, field="incident", new=incident.pk, note=note)
    how = "automatically" if automatic else "by hand"
    event(incident, EventKind.TICKET_LINKED, actor, f"#{ticket.pk} linked {how}", at=now)
    if incident.first_alert_at is not None and _hold(ticket, now, hold=True, why=note):
        ticket.save()
    return link


def ticket_unlink(incident: Incident, ticket: Ticket, actor: User | None, now: datetime) -> None:
    check_runner(actor)
    deleted, _ = IncidentTicket.objects.filter(incident=incident, ticket=ticket).delete()
    if not deleted:
        return
    note = f"Unlinked from incident #{incident.pk}"
    record(ticket, actor, TicketEventKind.CHANGED, field="incident", old=incident.pk, note=note)
    event(incident, EventKind.TICKET_UNLINKED, actor, f"#{ticket.pk} unlinked", at=now)
    if _hold(ticket, now, hold=False, why=note):
        ticket.save()


def _hold(ticket: Ticket, now: datetime, *, hold: bool, why: str) -> bool:
    if not sla_first_reply_hold(ticket, now, hold=hold, reason=why):
        return False
    refresh(ticket, now)
    return True


def linked_tickets_hold(incident: Incident, now: datetime) -> int:
    """The first alert went out after tickets were linked (a severity that holds alerts
    back): their first-reply clocks now wait for the incident too, by their plans' rule.
    Returns how many tickets were held."""
    note = f"First reply waits for incident #{incident.pk}: the customers were alerted"
    links = IncidentTicket.objects.filter(
        incident=incident, ticket__status__in=TICKET_OPEN
    ).select_related("ticket__contract__plan")
    held = 0
    for link in links:
        ticket = link.ticket
        if _hold(ticket, now, hold=True, why=note):
            record(ticket, None, TicketEventKind.CHANGED, field="incident", note=note, at=now)
            ticket.save()
            held += 1
    return held


def link_new_ticket(ticket: Ticket, text: str, now: datetime) -> list[IncidentTicket]:
    """Called by intake for every new ticket: link it to each open, confirmed incident
    that affects its organization and whose service (or a part or parent) it mentions
    by name in `text` (subject and body) or in its product."""
    if ticket.organization_id is None:
        return []
    haystack = f"{text} {ticket.product}".casefold()
    named = [
        incident_id
        for incident_id, names in open_incidents_by_organization().get(ticket.organization_id, ())
        if any(name in haystack for name in names)
    ]
    if not named:
        return []  # the common case: no statement at all
    incidents = Incident.objects.filter(
        Q(qualification=Qualification.CONFIRMED), status__in=OPEN_STATUSES, pk__in=named
    )
    return [ticket_link(incident, ticket, None, now, automatic=True) for incident in incidents]


def open_incidents_by_organization() -> dict[int, list[tuple[int, frozenset[str]]]]:
    """For each organization, the open confirmed incidents affecting it, each with the
    names (casefolded) of its services, their parts and the services above them; kept in
    memory until an incident, its audience or a service changes (core.config_cache)."""
    return config_cache.cached(("open-incidents",), _open_incidents)


def _open_incidents() -> dict[int, list[tuple[int, frozenset[str]]]]:
    incidents = list(
        Incident.objects.filter(qualification=Qualification.CONFIRMED, status__in=OPEN_STATUSES)
        .prefetch_related("services")
        .only("pk")
    )
    if not incidents:
        return {}
    parents = service_parents()
    names = dict(Service.objects.values_list("pk", "name"))
    named = {
        incident.pk: frozenset(
            names[pk].casefold()
            for pk in affected_service_ids([s.pk for s in incident.services.all()], parents)
            if pk in names
        )
        for incident in incidents
    }
    found: dict[int, list[tuple[int, frozenset[str]]]] = {}
    audience = AudienceOrganization.objects.filter(incident_id__in=named).values_list(
        "organization_id", "incident_id"
    )
    for organization_id, incident_id in audience:
        found.setdefault(organization_id, []).append((incident_id, named[incident_id]))
    return found


def linked_tickets_settle(
    incident: Incident,
    actor: User | None,
    message: str,
    now: datetime,
    *,
    reply: str | None,
    keep_open: Collection[int],
) -> int:
    """On resolution: a public reply on each open linked ticket, and solved unless kept
    open. Returns how many tickets were answered."""
    if actor is None:
        return 0  # a public reply needs an author: CharterDesk itself never resolves
    if reply is None:
        reply = rendered(TemplateKind.TICKET_REPLY, values_for(incident, message))[1]
    links = IncidentTicket.objects.filter(
        incident=incident, ticket__status__in=TICKET_OPEN
    ).select_related("ticket")
    answered = 0
    for link in links:
        ticket = link.ticket
        message_add(ticket, actor, reply, at=now)
        if ticket.pk not in keep_open and ticket.status != Status.SOLVED:
            ticket_update(ticket, actor, now, status=Status.SOLVED)
        elif ticket.pk in keep_open and not link.keep_open:
            link.keep_open = True
            link.save(update_fields=["keep_open"])
        answered += 1
    return answered
