"""`GET /forecast` (a queue's stored forecast) and `POST /staffing` (one interval's agents)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.errors import HttpError

from charterdesk.accounts.auth import user_of
from charterdesk.routing.models import Queue

from . import selectors
from .erlang import StaffingError, StaffingInput, erlang_staffing
from .schemas import ForecastFilters, ForecastOut, StaffingIn, StaffingOut

router = Router(tags=["forecasting"])


@router.get("/forecast", response=ForecastOut)
def forecast(request: HttpRequest, filters: Query[ForecastFilters]) -> dict[str, Any]:
    """The latest forecast of one queue per half hour, between `from` and `to` (at most
    35 days), with the agents needed, scheduled and on shift, and the backtest errors."""
    user = user_of(request)
    run = selectors.latest_run(user)
    queue = get_object_or_404(Queue, pk=filters.queue)
    found = selectors.queue_forecast(user, run, queue) if run else None
    if run is None or found is None:
        raise HttpError(404, "No forecast for this queue yet: it is computed every night.")
    return {
        "queue": queue,
        "run_id": run.pk,
        "computed_at": run.finished_at,
        "backtest": found,
        "intervals": list(selectors.intervals(found, filters.from_, filters.to)),
    }


@router.post("/staffing", response=StaffingOut)
def staffing(request: HttpRequest, payload: StaffingIn) -> Any:
    """Agents for one interval of a real-time channel: Erlang C, the occupancy cap, then
    shrinkage. Every bad value is a field error."""
    selectors.require_planner(user_of(request))
    need = StaffingInput(**payload.model_dump())
    errors = need.errors()
    if errors:
        raise ValidationError(errors)
    try:
        result = erlang_staffing(need)
    except StaffingError as exc:
        raise ValidationError({exc.field: exc.message}) from exc
    return result
