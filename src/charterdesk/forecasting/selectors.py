"""Reads of the forecast, for team leads and managers only (Perm.PLAN_STAFFING)."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, QuerySet

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.routing.models import Queue

from .models import ForecastInterval, ForecastRun, QueueForecast

MAX_SPAN_DAYS = 35


def require_planner(user: User) -> None:
    if not user.has_perm(Perm.PLAN_STAFFING):
        raise PermissionDenied("The forecast and staffing are for team leads and managers.")


def latest_run(user: User) -> ForecastRun | None:
    require_planner(user)
    return ForecastRun.objects.filter(finished_at__isnull=False).first()


def queue_forecasts(user: User, run: ForecastRun) -> QuerySet[QueueForecast]:
    """Every queue's forecast in the run, with the queue (one query)."""
    require_planner(user)
    return run.queues.select_related("queue__team", "queue__staffing").order_by("queue__position")


def queue_forecast(user: User, run: ForecastRun, queue: Queue) -> QueueForecast | None:
    return queue_forecasts(user, run).filter(queue=queue).first()


def intervals(
    forecast: QueueForecast, start: datetime | None, end: datetime | None
) -> QuerySet[ForecastInterval]:
    """The half hours of one queue's forecast in [start, end), at most 35 days."""
    if start and end:
        if end <= start:
            raise ValidationError({"to": "The end comes after the start."})
        if (end - start).days > MAX_SPAN_DAYS:
            raise ValidationError({"to": f"Ask for at most {MAX_SPAN_DAYS} days at a time."})
    rows = forecast.intervals.all()
    if start:
        rows = rows.filter(start__gte=start)
    if end:
        rows = rows.filter(start__lt=end)
    return rows.order_by("start")


def short_intervals(forecast: QueueForecast) -> QuerySet[ForecastInterval]:
    """The half hours in which the team has fewer agents on shift than it needs, the
    largest shortfall first."""
    return (
        forecast.intervals.filter(team_scheduled__gt=F("on_shift"))
        .alias(missing=F("team_scheduled") - F("on_shift"))
        .order_by("-missing", "start")
    )
