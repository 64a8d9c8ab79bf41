"""Links between tickets (related, duplicate of, incident of a problem): added and removed by
agents, between tickets of one organization, each change in both tickets' internal history.
Callers own the transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.core.prepared import Prepared
from charterdesk.tickets.models import EventKind, Ticket
from charterdesk.tickets.services.history import record

from .models import LinkKind, TicketLink


def _check_agent(actor: User) -> None:
    if not actor.has_perm(Perm.WORK_TICKETS):
        raise PermissionDenied("Linking tickets is for agents.")


def link_add(source: Ticket, target: Ticket, kind: str, actor: User) -> TicketLink:
    """Link `source` to `target`; refused for another organization's ticket (except an
    incident of a problem ticket), for the ticket itself, and when the two are already
    linked (either way)."""
    _check_agent(actor)
    if kind not in LinkKind.values:
        raise ValidationError({"kind": [f"Choose one of: {', '.join(LinkKind.values)}."]})
    if source.pk == target.pk:
        raise ValidationError({"target": ["A ticket cannot be linked to itself."]})
    # Incidents of one problem come from many customers; links are agents' only, and solving
    # the problem answers each incident to its own requester, so nothing crosses over.
    if source.organization_id != target.organization_id and kind != LinkKind.INCIDENT_OF:
        raise ValidationError(
            {"target": [f"Ticket #{target.pk} belongs to another organization: not linked."]}
        )
    if kind == LinkKind.INCIDENT_OF and not target.is_problem:
        raise ValidationError(
            {"target": [f"Ticket #{target.pk} is not a problem ticket: mark it as one first."]}
        )
    pair = Q(source=source, target=target) | Q(source=target, target=source)
    if TicketLink.objects.filter(pair).exists():
        raise ValidationError({"target": [f"Ticket #{target.pk} is already linked."]})
    link = TicketLink.objects.create(source=source, target=target, kind=kind, created_by=actor)
    label = LinkKind(kind).label
    record(
        source, actor, EventKind.CHANGED, field="link", new=f"{label} #{target.pk}", internal=True
    )
    record(
        target, actor, EventKind.CHANGED, field="link", new=f"#{source.pk}: {label}", internal=True
    )
    return link


def link_remove(link: TicketLink, actor: User) -> None:
    _check_agent(actor)
    label = LinkKind(link.kind).label
    record(
        link.source,
        actor,
        EventKind.CHANGED,
        field="link",
        old=f"{label} #{link.target_id}",
        internal=True,
    )
    record(
        link.target,
        actor,
        EventKind.CHANGED,
        field="link",
        old=f"#{link.source_id}: {label}",
        internal=True,
    )
    link.delete()


_links_of = Prepared(
    lambda pk: TicketLink.objects.filter(Q(source_id=pk) | Q(target_id=pk)).select_related(
        "source", "target"
    ),
    int,
)


def links_listed(ticket: Ticket) -> list[TicketLink]:
    """`links_of(ticket)` as a list, its SQL compiled once (the ticket page)."""
    return _links_of(ticket.pk)


def links_of(ticket: Ticket) -> QuerySet[TicketLink]:
    """Every link of a ticket, either way, with both tickets in the same query."""
    return TicketLink.objects.filter(Q(source=ticket) | Q(target=ticket)).select_related(
        "source", "target"
    )
