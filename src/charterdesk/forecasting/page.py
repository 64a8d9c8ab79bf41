"""What the forecast page shows for one queue and week: a handful of queries whatever
the size of the desk (the week's 336 half hours, the short ones among them, the queues)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from charterdesk.accounts.models import User
from charterdesk.routing.models import Queue

from . import selectors
from .chart import Chart, chart_of
from .models import ForecastInterval, ForecastRun, PeakDay, QueueForecast
from .services import staffing_of

SHORT_LISTED = 20


@dataclass
class ForecastPage:
    run: ForecastRun | None
    forecasts: list[QueueForecast]
    current: QueueForecast | None
    week: int
    week_start: datetime | None
    chart: Chart
    short: list[ForecastInterval]
    short_count: int
    peaks: list[PeakDay]
    zone: ZoneInfo


def forecast_page(user: User, queue_id: int | None, week: int) -> ForecastPage:
    run = selectors.latest_run(user)
    forecasts = list(selectors.queue_forecasts(user, run)) if run else []
    current = next((f for f in forecasts if f.queue_id == queue_id), None)
    if current is None:
        current = next((f for f in forecasts if f.short_intervals), None) or (
            forecasts[0] if forecasts else None
        )
    zone = ZoneInfo(staffing_of(current.queue).timezone) if current else ZoneInfo("UTC")
    peaks = list(PeakDay.objects.select_related("queue").filter(day__gte=_today(run, zone)))
    if run is None or current is None:
        return ForecastPage(run, forecasts, None, week, None, Chart(), [], 0, peaks, zone)
    start = run.horizon_start + timedelta(weeks=week)
    rows = list(selectors.intervals(current, start, start + timedelta(weeks=1)))
    short = selectors.short_intervals(current).filter(
        start__gte=start, start__lt=start + timedelta(weeks=1)
    )
    return ForecastPage(
        run=run,
        forecasts=forecasts,
        current=current,
        week=week,
        week_start=start,
        chart=chart_of(rows, zone),
        short=list(short[:SHORT_LISTED]),
        short_count=short.count(),
        peaks=peaks,
        zone=zone,
    )


def _today(run: ForecastRun | None, zone: ZoneInfo) -> object:
    moment = run.horizon_start if run else datetime.now(tz=zone)
    return moment.astimezone(zone).date()


def queues_for_settings() -> list[Queue]:
    return list(Queue.objects.select_related("staffing").order_by("position", "name"))
