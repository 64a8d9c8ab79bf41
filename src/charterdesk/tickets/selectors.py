"""Reads on tickets, each scoped to what the user may see."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.http import Http404

from charterdesk.accounts.models import User
from charterdesk.core.prepared import Prepared
from charterdesk.customers.models import Contact
from charterdesk.customers.selectors import contact_by_email

from .models import (
    CustomField,
    CustomFieldValue,
    Message,
    Ticket,
    TicketEvent,
    TicketTag,
    Visibility,
)


def tickets_visible_to(user: User) -> QuerySet[Ticket]:
    """Agents see every ticket; a customer sees their organization's tickets (and their own
    requests when they belong to no organization)."""
    tickets = Ticket.objects.all()
    if user.is_agent:
        return tickets
    contact = getattr(user, "contact", None)
    if contact is None or not user.is_active:
        return tickets.none()
    if contact.organization_id is None:
        return tickets.filter(requester=contact)
    return tickets.filter(organization_id=contact.organization_id)


def requester_for(user: User, email: str | None) -> Contact:
    """Whom the user may open a ticket for: a customer for themselves only (naming their own
    address is allowed); an agent for the contact they name."""
    own = getattr(user, "contact", None)
    if not user.is_agent:
        if own is None:
            raise PermissionDenied("This account is not a contact of any organization.")
        if email and email.lower() != own.email:
            raise PermissionDenied("Customers open tickets for themselves only.")
        return own
    if not email:
        raise ValidationError({"requester_email": "Agents name the contact they act for."})
    contact = contact_by_email(email)
    if contact is None:
        raise ValidationError({"requester_email": f"No contact has the address {email}."})
    return contact


TICKET_RELATED = (
    "organization",
    "requester",
    "queue",
    "assignee",
    "contract__plan",
    "category",
    "product_version",
)
# Agents see every ticket: their read of one is the same SQL every time (core.prepared).
_agent_ticket = Prepared(
    lambda pk: Ticket.objects.select_related(*TICKET_RELATED).filter(pk=pk), int
)


def ticket_get_for(user: User, ticket_id: int) -> Ticket:
    """One ticket the user may see; Ticket.DoesNotExist otherwise (never revealing why)."""
    if user.is_agent:
        found = _agent_ticket(ticket_id)
        if not found:
            raise Ticket.DoesNotExist("Ticket matching query does not exist.")
        return found[0]
    return tickets_visible_to(user).select_related(*TICKET_RELATED).get(pk=ticket_id)


FIRST_CUSTOMER_MESSAGES = 3


def _with_first_words(tickets: QuerySet[Ticket]) -> QuerySet[Ticket, tuple[str, ...]]:
    """Each ticket's subject and the bodies of its customer's first public messages (None
    past the last one), as one row."""
    public = Message.objects.filter(
        ticket_id=OuterRef("pk"), visibility=Visibility.PUBLIC, from_staff=False
    ).order_by("id")
    firsts = {
        f"message_{n}": Subquery(public.values("body")[n : n + 1])
        for n in range(FIRST_CUSTOMER_MESSAGES)
    }
    return tickets.annotate(**firsts).values_list("subject", *firsts)


_agent_ticket_words = Prepared(lambda pk: _with_first_words(Ticket.objects.filter(pk=pk)), int)


def ticket_words_for(user: User, ticket_id: int) -> tuple[str, list[str]]:
    """The subject of a ticket the user may see and the bodies of its customer's first
    three public messages, oldest first, in one statement (compiled once for agents);
    Ticket.DoesNotExist otherwise. What articles are suggested for."""
    if user.is_agent:
        found = _agent_ticket_words(ticket_id)
    else:
        found = list(_with_first_words(tickets_visible_to(user).filter(pk=ticket_id)))
    if not found:
        raise Ticket.DoesNotExist("Ticket matching query does not exist.")
    subject, *bodies = found[0]
    return subject, [body for body in bodies if body is not None]


def ticket_lock_for(user: User, ticket_id: int, *related: str) -> Ticket:
    """One ticket the user may see, its row locked for the caller's transaction (only the
    ticket's row: PostgreSQL refuses FOR UPDATE across nullable joins);
    Ticket.DoesNotExist otherwise."""
    rows = tickets_visible_to(user).select_for_update(of=("self",))
    return (rows.select_related(*related) if related else rows).get(pk=ticket_id)


def messages_visible_to(user: User, ticket: Ticket) -> QuerySet[Message]:
    """Internal notes never reach customers."""
    messages = ticket.messages.select_related("author", "author_contact")
    if not user.is_agent:
        messages = messages.filter(visibility=Visibility.PUBLIC)
    return messages


def message_get_for(user: User, message_id: int) -> Message:
    """One message on a ticket the user may see (customers: no internal notes);
    Message.DoesNotExist otherwise."""
    messages = Message.objects.filter(ticket__in=tickets_visible_to(user))
    if not user.is_agent:
        messages = messages.filter(visibility=Visibility.PUBLIC)
    return messages.get(pk=message_id)


_agent_messages = Prepared(
    lambda ticket_id: (
        Message.objects.filter(ticket_id=ticket_id)
        .select_related("author", "author_contact")
        .prefetch_related("uploads")
    ),
    int,
)
_agent_events = Prepared(
    lambda ticket_id: TicketEvent.objects.filter(ticket_id=ticket_id).select_related("actor"),
    int,
)


def conversation_for_agents(ticket: Ticket) -> list[Message]:
    """Every message of the ticket, internal notes too, oldest first, each with its author
    and its uploaded files (the agent's ticket page: two statements, compiled once)."""
    messages = _agent_messages(ticket.pk)
    for message in messages:
        message.ticket = ticket
    return messages


def history_for_agents(ticket: Ticket) -> list[TicketEvent]:
    """Every line of the ticket's history with its actor, oldest first (agents)."""
    events = _agent_events(ticket.pk)
    for event in events:
        event.ticket = ticket
    return events


def events_visible_to(user: User, ticket: Ticket) -> QuerySet[TicketEvent]:
    events = ticket.events.select_related("actor")
    if not user.is_agent:
        events = events.filter(internal=False)
    return events


UNASSIGNED = "none"  # the queue filter's value for tickets nobody is assigned to


def agent_queue(filters: dict[str, str]) -> QuerySet[Ticket]:
    """The agents' work list, most urgent first. Open tickets unless a status is asked for.
    Filters by id: queue, organization, requester, category, assignee (or `UNASSIGNED`);
    type, priority, tag."""
    tickets = Ticket.objects.select_related(
        "organization", "queue", "assignee", "requester", "contract__plan"
    )
    status = filters.get("status")
    # Without a status: the open tickets, through the `ticket_queue_*` indexes.
    tickets = tickets.filter(status=status) if status else tickets.filter(in_queue=True)
    for field in ("queue", "organization", "requester", "category"):
        if filters.get(field):
            tickets = tickets.filter(**{f"{field}_id": filters[field]})
    assignee = filters.get("assignee")
    if assignee == UNASSIGNED:
        tickets = tickets.filter(assignee__isnull=True)
    elif assignee:
        tickets = tickets.filter(assignee_id=int(assignee))
    if filters.get("type"):
        tickets = tickets.filter(request_type=filters["type"])
    if filters.get("priority"):
        tickets = tickets.filter(priority=filters["priority"])
    if filters.get("tag"):
        tickets = tickets.filter(tags__name=filters["tag"])
    return tickets.order_by("attention_at", "id")


def ticket_locked_or_404(user: User, ticket_id: int, *related: str) -> Ticket:
    """The ticket, locked for the view's transaction, or a 404 that does not say why."""
    try:
        return ticket_lock_for(user, ticket_id, *related)
    except Ticket.DoesNotExist as exc:
        raise Http404("No such ticket.") from exc


RECENT = 5  # the other tickets a ticket page lists beside it
_recent_of_organization = Prepared(
    lambda organization_id, pk: (
        Ticket.objects.filter(organization_id=organization_id)
        .exclude(pk=pk)
        .select_related("requester")
        .order_by("-id")[:RECENT]
    ),
    int,
    int,
)
_recent_of_requester = Prepared(
    lambda requester_id, pk: (
        Ticket.objects.filter(requester_id=requester_id)
        .exclude(pk=pk)
        .select_related("requester")
        .order_by("-id")[:RECENT]
    ),
    int,
    int,
)


def recent_tickets_around(ticket: Ticket) -> list[Ticket]:
    """For agents on a ticket page: the latest other tickets of its organization (of its
    requester when there is none), newest first, through `ticket_org_recent` /
    `ticket_requester_recent`."""
    if ticket.organization_id is not None:
        return _recent_of_organization(ticket.organization_id, ticket.pk)
    return _recent_of_requester(ticket.requester_id, ticket.pk)


_tags_of = Prepared(
    lambda ticket_id: TicketTag.objects.filter(ticket_id=ticket_id).values_list("name", flat=True),
    int,
)


def tags_of(ticket: Ticket) -> list[str]:
    """A ticket's tags, by name (for agents: tags are internal; compiled once)."""
    return _tags_of(ticket.pk)


def popular_tags(limit: int = 30) -> list[str]:
    """The tags most used on open tickets, for suggestions while typing one."""
    rows = (
        TicketTag.objects.filter(ticket__in_queue=True)
        .values("name")
        .annotate(uses=Count("id"))
        .order_by("-uses", "name")[:limit]
    )
    return [row["name"] for row in rows]


def field_values_of(user: User, ticket: Ticket) -> list[tuple[CustomField, str]]:
    """Each active custom field with this ticket's value ("" when empty), in order; for a
    customer only the fields visible to customers that have a value. Two queries."""
    fields = CustomField.objects.filter(active=True)
    if not user.is_agent:
        fields = fields.filter(visible_to_customers=True)
    values = dict(CustomFieldValue.objects.filter(ticket=ticket).values_list("field_id", "value"))
    pairs = [(field, values.get(field.pk, "")) for field in fields]
    return pairs if user.is_agent else [(f, v) for f, v in pairs if v]
