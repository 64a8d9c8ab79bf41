from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from charterdesk.accounts.auth import user_of
from charterdesk.core.moments import ReasonableDate, ReasonableDateTime
from charterdesk.tickets import selectors as ticket_selectors

from . import selectors
from .models import SlaClock, SlaEvent
from .services import sla_override

router = Router(tags=["sla"])


class ClockOut(Schema):
    id: int
    metric: str
    state: str
    breached: bool
    warned: bool
    due_at: datetime | None
    business_seconds_used: int
    target_minutes: int
    started_at: datetime
    fulfilled_at: datetime | None


class SlaEventOut(Schema):
    id: int
    metric: str
    kind: str
    at: datetime
    due_at: datetime | None
    business_seconds_used: int
    note: str


class OverrideIn(Schema):
    due_at: ReasonableDateTime
    reason: str


class AttainmentOut(Schema):
    plan: str
    metric: str
    priority: str
    month: str
    achieved: int
    breached: int
    active: int
    attainment: float | None


def clock_out(clock: SlaClock, used: int) -> dict[str, Any]:
    return {
        **{
            f: getattr(clock, f)
            for f in (
                "id",
                "metric",
                "state",
                "breached",
                "warned",
                "due_at",
                "target_minutes",
                "started_at",
                "fulfilled_at",
            )
        },
        "business_seconds_used": used,
    }


def event_out(event: SlaEvent) -> dict[str, Any]:
    return {
        "id": event.pk,
        "metric": event.clock.metric,
        "kind": event.kind,
        "at": event.at,
        "due_at": event.due_at,
        "business_seconds_used": event.business_seconds_used,
        "note": event.note,
    }


@router.get("/tickets/{ticket_id}/sla-events", response=list[SlaEventOut])
def ticket_sla_events(request: HttpRequest, ticket_id: int) -> list[dict[str, Any]]:
    ticket = ticket_selectors.ticket_get_for(user_of(request), ticket_id)
    return [event_out(e) for e in selectors.events_of(ticket)]


@router.post("/tickets/{ticket_id}/sla/{clock_id}/override", response=ClockOut)
def override_deadline(
    request: HttpRequest, ticket_id: int, clock_id: int, payload: OverrideIn
) -> dict[str, Any]:
    user = user_of(request)
    if not user.is_agent:
        raise PermissionDenied("Only agents change deadlines.")
    if payload.due_at.tzinfo is None:
        raise ValidationError({"due_at": "Give a time zone, e.g. 2026-11-24T10:00:00Z."})
    with transaction.atomic():
        ticket = ticket_selectors.ticket_get_for(user, ticket_id)
        clock = (
            SlaClock.objects.select_for_update()
            .select_related("ticket")
            .get(pk=clock_id, ticket=ticket)
        )
        sla_override(clock, payload.due_at, payload.reason, user)
    return clock_out(clock, clock.used_before)


class Period(Schema):
    start: ReasonableDate = Field(alias="from")
    end: ReasonableDate = Field(alias="to")


@router.get("/reports/sla", response=list[AttainmentOut])
def sla_report(request: HttpRequest, period: Query[Period]) -> list[dict[str, Any]]:
    """SLA attainment per plan, metric, priority and month of the clocks' start."""
    if not user_of(request).is_agent:
        raise PermissionDenied("Reports are for support staff.")
    if period.end < period.start:
        raise ValidationError({"to": "The end is before the start."})
    return [
        {**row.__dict__, "month": row.month.strftime("%Y-%m"), "attainment": row.attainment}
        for row in selectors.attainment(period.start, period.end)
    ]
