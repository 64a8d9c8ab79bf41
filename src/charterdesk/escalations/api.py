from datetime import datetime, timedelta
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.core.moments import check_reasonable
from charterdesk.core.pagination import check_limit, paginate
from charterdesk.tickets.schemas import PersonRef
from charterdesk.tickets.selectors import ticket_get_for, ticket_lock_for

from . import requests, services
from .lines import escalation_owner
from .models import Escalation, EscalationRequest
from .selectors import escalations_of, open_requests, request_get_for, requests_of
from .swarm_report import swarming_report

router = Router(tags=["escalations"])


class EscalationIn(Schema):
    kind: Literal["functional", "hierarchical"]
    reason: str = Field(min_length=1, max_length=1000)
    note: str = Field("", max_length=5000, description="Hand-off note (required up a tier).")


class DeEscalationIn(Schema):
    reason: str = Field(min_length=1, max_length=500)
    note: str = Field(..., min_length=1, max_length=5000, description="Hand-off note.")


class AnswerIn(Schema):
    decision: Literal["accept", "decline"]
    answer: str = Field("", max_length=1000, description="Mailed to the customer.")


class EscalationOut(Schema):
    id: int
    kind: Literal["functional", "hierarchical", "de_escalation"]
    source: Literal["agent", "customer", "sla"]
    from_tier: int | None
    to_tier: int | None
    from_queue: str | None
    to_queue: str | None
    handed_off: bool
    from_owner: PersonRef | None
    to_owner: PersonRef | None
    reason: str
    note: str
    actor: PersonRef | None
    created_at: datetime


class RequestOut(Schema):
    id: int
    ticket_id: int
    reason: str
    state: Literal["requested", "acknowledged", "answered"]
    decision: Literal["accepted", "declined", ""]
    answer: str
    requested_by: PersonRef
    created_at: datetime
    acknowledged_at: datetime | None
    answered_at: datetime | None


class TicketEscalationsOut(Schema):
    ticket_id: int
    tier: int
    escalated: bool = Field(description="Escalated at least once (functional or hierarchical).")
    escalation_owner: PersonRef | None = Field(description="Agents only.")
    escalations: list[EscalationOut] = Field(description="Agents only (reasons are internal).")
    requests: list[RequestOut]


class RequestPage(Schema):
    items: list[RequestOut]
    next: str | None


class ModeOut(Schema):
    mode: str
    label: str
    resolved: int
    median_hours: float | None
    average_hours: float | None
    handoffs_per_ticket: float | None
    reopen_rate: float | None
    collaborators_per_ticket: float | None
    minutes_logged: int
    collaborator_minutes: int


class ReportOut(Schema):
    start: datetime = Field(alias="from")
    end: datetime = Field(alias="to")
    modes: list[ModeOut]


class Period(Schema):
    start: datetime | None = Field(None, alias="from", description="Default: 30 days ago.")
    end: datetime | None = Field(None, alias="to", description="Default: now.")


def _person(user: Any) -> dict[str, str] | None:
    if user is None:
        return None
    return {"email": user.email, "name": getattr(user, "name", "") or ""}


def escalation_out(e: Escalation) -> dict[str, Any]:
    return {
        "id": e.pk,
        "kind": e.kind,
        "source": e.source,
        "from_tier": e.from_tier,
        "to_tier": e.to_tier,
        "from_queue": str(e.from_queue) if e.from_queue else None,
        "to_queue": str(e.to_queue) if e.to_queue else None,
        "handed_off": e.handed_off,
        "from_owner": _person(e.from_owner),
        "to_owner": _person(e.to_owner),
        "reason": e.reason,
        "note": e.note,
        "actor": _person(e.actor),
        "created_at": e.created_at,
    }


def request_out(r: EscalationRequest) -> dict[str, Any]:
    return {
        "id": r.pk,
        "ticket_id": r.ticket_id,
        "reason": r.reason,
        "state": r.state,
        "decision": r.decision,
        "answer": r.answer,
        "requested_by": _person(r.requested_by),
        "created_at": r.created_at,
        "acknowledged_at": r.acknowledged_at,
        "answered_at": r.answered_at,
    }


RELATED = ("queue__team", "contract__plan", "assignee", "organization")


@router.get("/tickets/{ticket_id}/escalations", response=TicketEscalationsOut)
def list_escalations(request: HttpRequest, ticket_id: int) -> dict[str, Any]:
    """A ticket's escalations and the customer's requests. Customers see their
    organization's requests and whether the ticket is escalated; reasons, hand-off notes
    and owners are for agents."""
    user = user_of(request)
    ticket = ticket_get_for(user, ticket_id)
    escalations = list(escalations_of(ticket))
    agent = user.is_agent
    return {
        "ticket_id": ticket.pk,
        "tier": ticket.queue.tier,
        "escalated": any(e.kind != "de_escalation" for e in escalations),
        "escalation_owner": _person(escalation_owner(ticket)) if agent else None,
        "escalations": [escalation_out(e) for e in escalations] if agent else [],
        "requests": [request_out(r) for r in requests_of(ticket)],
    }


@router.post("/tickets/{ticket_id}/escalations", response={201: EscalationOut, 202: RequestOut})
def create_escalation(
    request: HttpRequest, ticket_id: int, payload: EscalationIn
) -> Status[dict[str, Any]]:
    """An agent escalates (201). A customer's POST is a request to escalate (202): it is
    acknowledged at once and answered by an agent or manager; `kind` is ignored."""
    user = user_of(request)
    with transaction.atomic():
        ticket = ticket_lock_for(user, ticket_id, *RELATED)
        if not user.is_agent:
            asked = requests.escalation_request_create(ticket, user, reason=payload.reason)
            return Status(202, request_out(asked))
        escalation = services.ticket_escalate(
            ticket, user, kind=payload.kind, reason=payload.reason, note=payload.note
        )
    return Status(201, escalation_out(escalation))


@router.post("/tickets/{ticket_id}/de-escalations", response={201: EscalationOut})
def create_de_escalation(
    request: HttpRequest, ticket_id: int, payload: DeEscalationIn
) -> Status[dict[str, Any]]:
    """Pass a ticket down a tier (agents; refused for swarm queues)."""
    user = user_of(request)
    if not user.is_agent:
        ticket_get_for(user, ticket_id)  # 404 before 403 for tickets they cannot see
        raise PermissionDenied("Only agents pass tickets down a tier.")
    with transaction.atomic():
        escalation = services.ticket_de_escalate(
            ticket_lock_for(user, ticket_id, *RELATED),
            user,
            reason=payload.reason,
            note=payload.note,
        )
    return Status(201, escalation_out(escalation))


class RequestFilters(Schema):
    cursor: str | None = None
    limit: int = 25


@router.get("/escalation-requests", response=RequestPage)
def list_open_requests(request: HttpRequest, filters: Query[RequestFilters]) -> dict[str, Any]:
    """Requests awaiting an answer, newest first (agents only)."""
    user = user_of(request)
    if not user.is_agent:
        raise PermissionDenied("The list of escalation requests is for support staff.")
    check_limit(filters.limit)
    items, next_url = paginate(request, open_requests(user), filters.cursor, filters.limit)
    return {"items": [request_out(r) for r in items], "next": next_url}


@router.post("/escalation-requests/{request_id}/answer", response=RequestOut)
def answer_request(request: HttpRequest, request_id: int, payload: AnswerIn) -> dict[str, Any]:
    """Accept (a hierarchical escalation follows) or decline with an answer (agents)."""
    user = user_of(request)
    if not user.is_agent:
        raise PermissionDenied("Agents and managers answer escalation requests.")
    with transaction.atomic():
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
    return request_out(asked)


def period_of(
    start: datetime | None, end: datetime | None, now: datetime
) -> tuple[datetime, datetime]:
    """The report's period: given bounds (without a time zone: the site's), else the last
    30 days."""
    check_reasonable(start, "from")
    check_reasonable(end, "to")
    end = end or now
    start = start or end - timedelta(days=30)
    start, end = (timezone.make_aware(v) if timezone.is_naive(v) else v for v in (start, end))
    if start >= end:
        raise ValidationError({"from": "The period must start before it ends."})
    return start, end


@router.get("/reports/swarming", response=ReportOut, by_alias=True)
def swarming(request: HttpRequest, period: Query[Period]) -> dict[str, Any]:
    """Swarm and tiered queues compared over the tickets resolved in the period."""
    if not user_of(request).is_agent:
        raise PermissionDenied("Reports are for support staff.")
    start, end = period_of(period.start, period.end, timezone.now())
    return {"from": start, "to": end, "modes": [vars(m) for m in swarming_report(start, end)]}
