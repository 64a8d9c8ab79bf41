from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router

from charterdesk.accounts.auth import user_of
from charterdesk.core.validators import Id
from charterdesk.tickets import selectors as ticket_selectors

from . import selectors
from .models import SlaClock, SlaEvent
from .schemas import AttainmentOut, ClockOut, OverrideIn, Period, SlaEventOut
from .services import sla_override

router = Router(tags=["sla"])


@router.get("/tickets/{ticket_id}/sla-events", response=list[SlaEventOut])
def ticket_sla_events(request: HttpRequest, ticket_id: Id) -> QuerySet[SlaEvent]:
    user = user_of(request)
    ticket = ticket_selectors.ticket_get_for(user, ticket_id)
    return selectors.events_visible_to(user, ticket)


@router.post("/tickets/{ticket_id}/sla/{clock_id}/override", response=ClockOut)
def override_deadline(
    request: HttpRequest, ticket_id: Id, clock_id: Id, payload: OverrideIn
) -> SlaClock:
    user = user_of(request)
    if not user.is_agent:
        raise PermissionDenied("Only agents change deadlines.")
    if payload.due_at.tzinfo is None:
        raise ValidationError({"due_at": "Give a time zone, e.g. 2026-11-24T10:00:00Z."})
    with transaction.atomic(durable=True):
        clock = selectors.clock_lock_for(user, ticket_id, clock_id)
        sla_override(clock, payload.due_at, payload.reason, user)
    return clock


@router.get("/reports/sla", response=list[AttainmentOut])
def sla_report(request: HttpRequest, period: Query[Period]) -> list[selectors.AttainmentRow]:
    """SLA attainment per plan, metric, priority and month of the clocks' start."""
    return selectors.attainment_for(user_of(request), period.start, period.end)
