from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.core.pagination import check_limit, paginate
from charterdesk.core.validators import Id
from charterdesk.tickets.selectors import ticket_get_for, ticket_lock_for

from . import requests, services
from .models import Escalation, EscalationRequest
from .schemas import (
    AnswerIn,
    DeEscalationIn,
    EscalationIn,
    EscalationOut,
    Period,
    ReportOut,
    RequestFilters,
    RequestOut,
    RequestPage,
    TicketEscalationsOut,
)
from .selectors import (
    TicketEscalations,
    open_requests,
    request_get_for,
    ticket_escalations_for,
)
from .swarm_report import Report, report_for

router = Router(tags=["escalations"])


RELATED = ("queue__team", "contract__plan", "assignee", "organization")


@router.get("/tickets/{ticket_id}/escalations", response=TicketEscalationsOut)
def list_escalations(request: HttpRequest, ticket_id: Id) -> TicketEscalations:
    """A ticket's escalations and the customer's requests. Customers see their
    organization's requests and whether the ticket is escalated; reasons, hand-off notes
    and owners are for agents."""
    user = user_of(request)
    return ticket_escalations_for(user, ticket_get_for(user, ticket_id))


@router.post("/tickets/{ticket_id}/escalations", response={201: EscalationOut, 202: RequestOut})
def create_escalation(
    request: HttpRequest, ticket_id: Id, payload: EscalationIn
) -> Status[Escalation | EscalationRequest]:
    """An agent escalates (201). A customer's POST is a request to escalate (202): it is
    acknowledged at once and answered by an agent or manager; `kind` is ignored."""
    user = user_of(request)
    with transaction.atomic(durable=True):
        ticket = ticket_lock_for(user, ticket_id, *RELATED)
        if not user.is_agent:
            asked = requests.escalation_request_create(ticket, user, reason=payload.reason)
            return Status(202, asked)
        escalation = services.ticket_escalate(
            ticket, user, kind=payload.kind, reason=payload.reason, note=payload.note
        )
    return Status(201, escalation)


@router.post("/tickets/{ticket_id}/de-escalations", response={201: EscalationOut})
def create_de_escalation(
    request: HttpRequest, ticket_id: Id, payload: DeEscalationIn
) -> Status[Escalation]:
    """Pass a ticket down a tier (agents; refused for swarm queues)."""
    user = user_of(request)
    if not user.is_agent:
        ticket_get_for(user, ticket_id)  # 404 before 403 for tickets they cannot see
        raise PermissionDenied("Only agents pass tickets down a tier.")
    with transaction.atomic(durable=True):
        escalation = services.ticket_de_escalate(
            ticket_lock_for(user, ticket_id, *RELATED),
            user,
            reason=payload.reason,
            note=payload.note,
        )
    return Status(201, escalation)


@router.get("/escalation-requests", response=RequestPage)
def list_open_requests(request: HttpRequest, filters: Query[RequestFilters]) -> dict[str, Any]:
    """Requests awaiting an answer, newest first (agents only)."""
    user = user_of(request)
    if not user.is_agent:
        raise PermissionDenied("The list of escalation requests is for support staff.")
    check_limit(filters.limit)
    items, next_url = paginate(request, open_requests(user), filters.cursor, filters.limit)
    return {"items": items, "next": next_url}


@router.post("/escalation-requests/{request_id}/answer", response=RequestOut)
def answer_request(request: HttpRequest, request_id: Id, payload: AnswerIn) -> EscalationRequest:
    """Accept (a hierarchical escalation follows) or decline with an answer (agents)."""
    user = user_of(request)
    if not user.is_agent:
        raise PermissionDenied("Agents and managers answer escalation requests.")
    with transaction.atomic(durable=True):
        asked = request_get_for(user, request_id)
        ticket_lock_for(user, asked.ticket_id, *RELATED)
        asked = (
            EscalationRequest.objects.select_for_update(of=("self",))
            .select_related("ticket", "requested_by")
            .get(pk=request_id)
        )
        requests.escalation_request_answer(
            asked, user, accept=payload.decision == "accept", answer=payload.answer
        )
    return asked


@router.get("/reports/swarming", response=ReportOut, by_alias=True)
def swarming(request: HttpRequest, period: Query[Period]) -> Report:
    """Swarm and tiered queues compared over the tickets resolved in the period."""
    return report_for(user_of(request), period.start, period.end, timezone.now())
