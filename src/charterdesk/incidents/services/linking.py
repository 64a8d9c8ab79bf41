"""Tickets linked to an incident: by agents, automatically at intake, and settled on
resolution."""

from collections.abc import Collection
from datetime import datetime
from typing import NamedTuple

from django.core.exceptions import ValidationError

from charterdesk.accounts.models import User
from charterdesk.core import config_cache
from charterdesk.sla.deadlines import refresh
from charterdesk.sla.services import sla_first_reply_hold
from charterdesk.tickets.models import OPEN_STATUSES as TICKET_OPEN
from charterdesk.tickets.models import EventKind as TicketEventKind
from charterdesk.tickets.models import Status, Ticket, TicketEvent
from charterdesk.tickets.services.changes import ticket_update
from charterdesk.tickets.services.history import record
from charterdesk.tickets.services.messages import message_add

from ..audience import affected_service_ids, service_parents
from ..choices import OPEN_STATUSES, EventKind, Qualification, TemplateKind
from ..models import AudienceOrganization, Incident, IncidentTicket, Service, TimelineEvent
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


class OpenIncident(NamedTuple):
    """An open, confirmed incident as intake needs it (kept in core.config_cache)."""

    id: int
    names: frozenset[str]  # its services, their parts and parents, casefolded
    title: str
    alerted: bool  # the customers were told (`first_alert_at`): the incident rule holds


def incidents_named(organization_id: int | None, text: str, product: str) -> list[OpenIncident]:
    """The open, confirmed incidents affecting the organization whose service (or a part
    or parent) `text` (subject and body) or the product names, in the incidents' order;
    read from memory, no statement."""
    if organization_id is None:
        return []
    haystack = f"{text} {product}".casefold()
    return [
        incident
        for incident in open_incidents_by_organization().get(organization_id, ())
        if any(name in haystack for name in incident.names)
    ]


def link_note(incident: OpenIncident) -> str:
    return f"Linked to incident #{incident.id}: {incident.title}"


def new_ticket_link(
    ticket: Ticket, incidents: list[OpenIncident], now: datetime
) -> list[TicketEvent]:
    """Link a ticket being created (nothing links it yet) to `incidents_named`, as
    `ticket_link` links one automatically: the links and the incidents' timeline lines in
    one INSERT each. Returns the ticket's history lines, for the caller's INSERT of its
    opening lines. The incident rule's hold is the caller's too: intake pauses the
    first-reply clock before writing it (sla.services.opening_hold)."""
    if not incidents:
        return []
    IncidentTicket.objects.bulk_create(
        IncidentTicket(
            incident_id=incident.id, ticket=ticket, automatic=True, linked_by=None, linked_at=now
        )
        for incident in incidents
    )
    TimelineEvent.objects.bulk_create(
        TimelineEvent(
            incident_id=incident.id,
            kind=EventKind.TICKET_LINKED,
            actor=None,
            text=f"#{ticket.pk} linked automatically",
            at=now,
            data={},
        )
        for incident in incidents
    )
    return [
        TicketEvent(
            ticket=ticket,
            actor=None,
            kind=TicketEventKind.CHANGED,
            field="incident",
            new_value=str(incident.id),
            note=link_note(incident)[:500],
            created_at=now,
        )
        for incident in incidents
    ]


def open_incidents_by_organization() -> dict[int, list[OpenIncident]]:
    """For each organization, the open confirmed incidents affecting it (newest first, as
    `Incident` orders them), each with the names (casefolded) of its services, their
    parts and the services above them; kept in memory until an incident, its audience or
    a service changes (core.config_cache)."""
    return config_cache.cached(("open-incidents",), _open_incidents)


def _open_incidents() -> dict[int, list[OpenIncident]]:
    incidents = list(
        Incident.objects.filter(qualification=Qualification.CONFIRMED, status__in=OPEN_STATUSES)
        .prefetch_related("services")
        .only("pk", "title", "first_alert_at", "started_at")
    )
    if not incidents:
        return {}
    parents = service_parents()
    names = dict(Service.objects.values_list("pk", "name"))
    known = {
        incident.pk: OpenIncident(
            incident.pk,
            frozenset(
                names[pk].casefold()
                for pk in affected_service_ids([s.pk for s in incident.services.all()], parents)
                if pk in names
            ),
            incident.title,
            incident.first_alert_at is not None,
        )
        for incident in incidents
    }
    order = {incident.pk: n for n, incident in enumerate(incidents)}  # Incident's ordering
    found: dict[int, list[OpenIncident]] = {}
    audience = AudienceOrganization.objects.filter(incident_id__in=known).values_list(
        "organization_id", "incident_id"
    )
    for organization_id, incident_id in audience:
        found.setdefault(organization_id, []).append(known[incident_id])
    for listed in found.values():
        listed.sort(key=lambda incident: order[incident.id])
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
