from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.accounts.selectors import agent_by_email
from charterdesk.core.pagination import page_of
from charterdesk.core.vocabulary import Channel
from charterdesk.customers.models import Contact
from charterdesk.intake.services import intake_prepare, intake_record
from charterdesk.sla.selectors import new_clock_summaries, sla_summaries
from charterdesk.tickets import selectors, services
from charterdesk.tickets.models import Message, Ticket, TicketEvent
from charterdesk.tickets.schemas import (
    EventOut,
    MessageIn,
    MessageOut,
    RequestTypeName,
    StatusName,
    TicketIn,
    TicketOut,
    TicketPage,
    TicketPatch,
)

router = Router(tags=["tickets"])


def tickets_out(tickets: list[Ticket]) -> list[dict[str, Any]]:
    sla = sla_summaries(tickets, timezone.now())
    return [ticket_out(ticket, sla[ticket.pk]) for ticket in tickets]


def ticket_out(ticket: Ticket, sla: list[dict[str, object]] | None = None) -> dict[str, Any]:
    if sla is None:
        sla = sla_summaries([ticket], timezone.now())[ticket.pk]
    return {
        "id": ticket.pk,
        "subject": ticket.subject,
        "type": ticket.request_type,
        "type_source": ticket.type_source,
        "priority": ticket.priority,
        "status": ticket.status,
        "channel": ticket.channel,
        "product": ticket.product,
        "language": ticket.language,
        "coverage": {
            "decision": ticket.coverage,
            "reason": ticket.coverage_reason,
            "alternative": ticket.coverage_alternative or None,
        },
        "organization": ticket.organization,
        "requester": _person(ticket.requester),
        "queue": ticket.queue,
        "tier": ticket.queue.tier,
        "assignee": _person(ticket.assignee),
        "first_reply_due_at": ticket.first_reply_due_at,
        "first_replied_at": ticket.first_replied_at,
        "created_at": ticket.created_at,
        "updated_at": ticket.updated_at,
        "sla": sla,
    }


def _person(who: User | Contact | None) -> dict[str, str] | None:
    return None if who is None else {"email": who.email, "name": who.name}


class TicketFilters(Schema):
    status: StatusName | None = None
    type: RequestTypeName | None = None
    organization: int | None = None
    cursor: str | None = None
    limit: int = 25


@router.post("/tickets", response={201: TicketOut})
def create_ticket(request: HttpRequest, payload: TicketIn) -> Status[dict[str, Any]]:
    user = user_of(request)
    requester = _requester(user, payload.requester_email)
    intake = intake_prepare(
        requester=requester,
        subject=payload.subject,
        body=payload.body,
        request_type=payload.type,
        priority=payload.priority,
        channel=Channel.API,
        actor=user,
        product=payload.product,
        language=payload.language,
    )
    with transaction.atomic():  # only the writes hold SQLite's single write lock
        ticket = intake_record(intake)
    return Status(201, ticket_out(ticket, new_clock_summaries(intake.clocks)))


def _requester(user: User, email: str | None) -> Contact:
    own = getattr(user, "contact", None)
    if not user.is_agent:
        if own is None:
            raise PermissionDenied("This account is not a contact of any organization.")
        if email and email.lower() != own.email:
            raise PermissionDenied("Customers open tickets for themselves only.")
        return own
    if not email:
        raise ValidationError({"requester_email": "Agents name the contact they act for."})
    contact = Contact.objects.select_related("organization").filter(email=email.lower()).first()
    if contact is None:
        raise ValidationError({"requester_email": f"No contact has the address {email}."})
    return contact


@router.get("/tickets", response=TicketPage)
def list_tickets(request: HttpRequest, filters: Query[TicketFilters]) -> dict[str, Any]:
    tickets = selectors.tickets_visible_to(user_of(request)).select_related(
        "organization", "requester", "queue", "assignee", "contract__plan"
    )
    rows, next_url = page_of(
        request,
        tickets,
        filters.cursor,
        filters.limit,
        status=filters.status,
        request_type=filters.type,
        organization_id=filters.organization,
    )
    return {"items": tickets_out(rows), "next": next_url}


@router.get("/tickets/{ticket_id}", response=TicketOut)
def get_ticket(request: HttpRequest, ticket_id: int) -> dict[str, Any]:
    return ticket_out(selectors.ticket_get_for(user_of(request), ticket_id))


@router.patch("/tickets/{ticket_id}", response=TicketOut)
def update_ticket(request: HttpRequest, ticket_id: int, payload: TicketPatch) -> dict[str, Any]:
    user = user_of(request)
    changes = _changes(payload)
    with transaction.atomic():
        ticket = selectors.tickets_visible_to(user).select_for_update().get(pk=ticket_id)
        if not user.is_agent:
            raise PermissionDenied("Only agents change a ticket's properties.")
        services.ticket_update(ticket, user, **changes)
    return ticket_out(selectors.ticket_get_for(user, ticket_id))


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
def list_messages(request: HttpRequest, ticket_id: int) -> list[dict[str, Any]]:
    user = user_of(request)
    ticket = selectors.ticket_get_for(user, ticket_id)
    return [message_out(m) for m in selectors.messages_visible_to(user, ticket)]


@router.post("/tickets/{ticket_id}/messages", response={201: MessageOut})
def add_message(request: HttpRequest, ticket_id: int, payload: MessageIn) -> Status[dict[str, Any]]:
    user = user_of(request)
    with transaction.atomic():
        ticket = selectors.tickets_visible_to(user).select_for_update().get(pk=ticket_id)
        message = services.message_add(ticket, user, payload.body, payload.visibility, Channel.API)
    return Status(201, message_out(message))


def message_out(message: Message) -> dict[str, Any]:
    return {
        "id": message.pk,
        "body": message.body,
        "visibility": message.visibility,
        "channel": message.channel,
        "author": _person(message.author or message.author_contact),
        "from_staff": message.from_staff,
        "created_at": message.created_at,
    }


@router.get("/tickets/{ticket_id}/history", response=list[EventOut])
def ticket_history(request: HttpRequest, ticket_id: int) -> list[dict[str, Any]]:
    user = user_of(request)
    ticket = selectors.ticket_get_for(user, ticket_id)
    return [event_out(e) for e in selectors.events_visible_to(user, ticket)]


def event_out(event: TicketEvent) -> dict[str, Any]:
    return {
        "id": event.pk,
        "kind": event.kind,
        "field": event.field,
        "old_value": event.old_value,
        "new_value": event.new_value,
        "note": event.note,
        "actor": _person(event.actor),
        "created_at": event.created_at,
    }
