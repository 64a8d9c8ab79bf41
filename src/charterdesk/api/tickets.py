from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.accounts.selectors import agent_by_email
from charterdesk.core.pagination import page_of
from charterdesk.core.validators import Id
from charterdesk.core.vocabulary import Channel
from charterdesk.intake.services import intake_prepare, intake_record
from charterdesk.sla.selectors import new_clock_summaries, sla_summaries
from charterdesk.tickets import selectors, services
from charterdesk.tickets.category_models import CategorySource
from charterdesk.tickets.category_selectors import category_by_id
from charterdesk.tickets.models import CustomFieldValue, Message, Ticket, TicketEvent, TicketTag
from charterdesk.tickets.schemas import (
    EventOut,
    MessageIn,
    MessageOut,
    TicketFilters,
    TicketIn,
    TicketOut,
    TicketPage,
    TicketPatch,
)

router = Router(tags=["tickets"])


def _with_sla(tickets: list[Ticket]) -> list[Ticket]:
    """Set each ticket's clock summaries for TicketOut.sla, in three queries for the lot."""
    summaries = sla_summaries(tickets, timezone.now())
    for ticket in tickets:
        setattr(ticket, "sla", summaries[ticket.pk])  # noqa: B010 - read by TicketOut
    return tickets


@router.post("/tickets", response={201: TicketOut})
def create_ticket(request: HttpRequest, payload: TicketIn) -> Status[Ticket]:
    user = user_of(request)
    requester = selectors.requester_for(user, payload.requester_email)
    intake = intake_prepare(
        requester=requester,
        subject=payload.subject,
        body=payload.body,
        request_type=payload.type,
        priority=payload.priority,
        channel=Channel.API,
        actor=user,
        product=payload.product,
        version=payload.version,
        language=payload.language,
    )
    with transaction.atomic(durable=True):  # only the writes hold SQLite's single write lock
        ticket = intake_record(intake)
    setattr(ticket, "sla", new_clock_summaries(intake.clocks))  # noqa: B010 - read by TicketOut
    return Status(201, _answered_as_new(ticket))


def _answered_as_new(ticket: Ticket) -> Ticket:
    """A ticket just written has no tags and no custom field values yet: the answer says
    so without reading them back (as a prefetch would: empty, already evaluated)."""
    ticket._prefetched_objects_cache = {  # type: ignore[attr-defined]
        "tags": _evaluated_empty(TicketTag.objects.none()),
        "field_values": _evaluated_empty(CustomFieldValue.objects.none()),
    }
    return ticket


def _evaluated_empty(rows: QuerySet[Any]) -> QuerySet[Any]:
    rows._result_cache = []  # type: ignore[attr-defined]
    rows._prefetch_done = True  # type: ignore[attr-defined]
    return rows


@router.get("/tickets", response=TicketPage)
def list_tickets(request: HttpRequest, filters: Query[TicketFilters]) -> dict[str, Any]:
    tickets = (
        selectors.tickets_visible_to(user_of(request))
        .select_related(*selectors.TICKET_RELATED)
        .prefetch_related("tags", "field_values__field")
    )
    rows, next_url = page_of(
        request,
        tickets,
        filters.cursor,
        filters.limit,
        status=filters.status,
        request_type=filters.type,
        organization_id=filters.organization,
        tags__name=filters.tag and filters.tag.lower(),
    )
    return {"items": _with_sla(rows), "next": next_url}


@router.get("/tickets/{ticket_id}", response=TicketOut)
def get_ticket(request: HttpRequest, ticket_id: Id) -> Ticket:
    return _with_sla([selectors.ticket_get_for(user_of(request), ticket_id)])[0]


@router.patch("/tickets/{ticket_id}", response=TicketOut)
def update_ticket(request: HttpRequest, ticket_id: Id, payload: TicketPatch) -> Ticket:
    user = user_of(request)
    changes = _changes(payload)
    with transaction.atomic(durable=True):
        ticket = selectors.tickets_visible_to(user).select_for_update().get(pk=ticket_id)
        if not user.is_agent:
            raise PermissionDenied("Only agents change a ticket's properties.")
        _record_cause(ticket, user, payload)
        services.ticket_update(ticket, user, **changes)
        if payload.tags is not None:
            services.ticket_set_tags(ticket, user, payload.tags)
        if payload.fields is not None:
            services.ticket_set_fields(ticket, user, payload.fields)
        if "category_id" in payload.model_fields_set:
            category = category_by_id(payload.category_id)
            services.ticket_categorize(ticket, category, by=user, source=CategorySource.PERSON)
    return _with_sla([selectors.ticket_get_for(user, ticket_id)])[0]


def _record_cause(ticket: Ticket, user: User, payload: TicketPatch) -> None:
    """Before a status change: solving may need the root cause (ROOT_CAUSE_REQUIRED)."""
    given = payload.model_fields_set & {"root_cause", "product", "product_version"}
    if given:
        services.ticket_record_cause(
            ticket,
            by=user,
            cause=ticket.root_cause if payload.root_cause is None else payload.root_cause,
            product=payload.product,
            version=payload.product_version,
        )


def _changes(payload: TicketPatch) -> dict[str, Any]:
    given = payload.model_fields_set
    changes: dict[str, Any] = {}
    for api_name, field in (
        ("type", "request_type"),
        ("priority", "priority"),
        ("status", "status"),
    ):
        value = getattr(payload, api_name)
        if api_name in given and value is not None:
            changes[field] = value
    if "assignee_email" in given:
        email = payload.assignee_email
        changes["assignee"] = None
        if email:
            agent = agent_by_email(email)
            if agent is None:
                raise ValidationError({"assignee_email": f"No agent has the address {email}."})
            changes["assignee"] = agent
    return changes


@router.get("/tickets/{ticket_id}/messages", response=list[MessageOut])
def list_messages(request: HttpRequest, ticket_id: Id) -> QuerySet[Message]:
    user = user_of(request)
    ticket = selectors.ticket_get_for(user, ticket_id)
    return selectors.messages_visible_to(user, ticket)


@router.post("/tickets/{ticket_id}/messages", response={201: MessageOut})
def add_message(request: HttpRequest, ticket_id: Id, payload: MessageIn) -> Status[Message]:
    user = user_of(request)
    with transaction.atomic(durable=True):
        ticket = selectors.tickets_visible_to(user).select_for_update().get(pk=ticket_id)
        message = services.message_add(ticket, user, payload.body, payload.visibility, Channel.API)
    return Status(201, message)


@router.get("/tickets/{ticket_id}/history", response=list[EventOut])
def ticket_history(request: HttpRequest, ticket_id: Id) -> QuerySet[TicketEvent]:
    user = user_of(request)
    ticket = selectors.ticket_get_for(user, ticket_id)
    return selectors.events_visible_to(user, ticket)
