"""Writes of the forecast: compute and store a run; settings and peak days.

`forecast_run` is called by the nightly job and by "Compute now" (tasks.py) and by the
demo; the caller owns the transaction."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np
from django.db.models import Q
from django.utils import timezone

from charterdesk.routing.models import Queue

from . import model
from .arrivals import SLOTS, arrivals, local_midnight
from .erlang import StaffingInput, erlang_staffing, workload_staffing
from .models import (
    ForecastInterval,
    ForecastRun,
    PeakDay,
    QueueForecast,
    QueueStaffing,
    StaffingModel,
    Trigger,
)
from .shifts import on_shift

HISTORY_WEEKS = 12
HORIZON_WEEKS = 4
RUNS_KEPT = 14


@dataclass
class _Plan:
    """One queue's forecast before it is stored."""

    queue: Queue
    staffing: QueueStaffing
    result: model.Forecast
    starts: list[datetime]  # empty for a queue without any history: nothing to store
    cells: list[tuple[int, int]]  # (day, slot) of each start


def staffing_of(queue: Queue) -> QueueStaffing:
    """The queue's staffing settings, or the defaults (not saved) when it has none."""
    try:
        return queue.staffing
    except QueueStaffing.DoesNotExist:
        return QueueStaffing(queue=queue)


def forecast_run(
    *, trigger: Trigger, now: datetime | None = None, weeks: int = HORIZON_WEEKS
) -> ForecastRun:
    """Forecast every queue from its history, staff it and compare with the shifts."""
    now = now or timezone.now()
    queues = list(Queue.objects.select_related("staffing", "team").order_by("id"))
    plans = _plans(queues, now, weeks)
    starts = [s for plan in plans for s in plan.starts]
    run = ForecastRun.objects.create(
        trigger=trigger,
        started_at=now,
        horizon_start=min(starts, default=now),
        horizon_end=max(starts, default=now) + timedelta(minutes=30),
    )
    _store(run, plans)
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    _forget_old_runs()
    return run


def _plans(queues: list[Queue], now: datetime, weeks: int) -> list[_Plan]:
    by_zone: dict[str, list[Queue]] = defaultdict(list)
    settings = {q.pk: staffing_of(q) for q in queues}
    for queue in queues:
        by_zone[settings[queue.pk].timezone].append(queue)
    plans = []
    for zone_name, zone_queues in by_zone.items():
        zone = ZoneInfo(zone_name)
        today = now.astimezone(zone).date()
        first = today - timedelta(weeks=HISTORY_WEEKS)
        counts = arrivals([q.pk for q in zone_queues], zone, first, HISTORY_WEEKS * 7)
        for queue in zone_queues:
            past, ahead = _peaks(queue, first, today, weeks * 7)
            result = model.forecast(
                counts[queue.pk], horizon_days=weeks * 7, history_peaks=past, future_peaks=ahead
            )
            starts, cells = (
                _intervals(today, weeks * 7, zone) if counts[queue.pk].any() else ([], [])
            )
            plans.append(_Plan(queue, settings[queue.pk], result, starts, cells))
    return plans


def _peaks(
    queue: Queue, first: date, today: date, horizon_days: int
) -> tuple[np.ndarray, np.ndarray]:
    multipliers = np.ones((today - first).days + horizon_days)
    last = today + timedelta(days=horizon_days)
    for peak in PeakDay.objects.filter(
        Q(queue__isnull=True) | Q(queue=queue), day__gte=first, day__lt=last
    ):
        multipliers[(peak.day - first).days] *= peak.multiplier
    split = (today - first).days
    return multipliers[:split], multipliers[split:]


def _intervals(today: date, days: int, zone: ZoneInfo) -> tuple[list[datetime], list[tuple]]:
    """The half hours ahead as aware datetimes; local times that do not exist (the hour
    skipped when clocks go forward) are left out."""
    starts, cells = [], []
    for day in range(days):
        midnight = local_midnight(today + timedelta(days=day), zone)
        for slot in range(SLOTS):
            wall = midnight + timedelta(minutes=30 * slot)  # wall-clock arithmetic
            utc = wall.astimezone(ZoneInfo("UTC"))
            if utc.astimezone(zone).replace(tzinfo=None) != wall.replace(tzinfo=None):
                continue
            starts.append(utc)
            cells.append((day, slot))
    return starts, cells


@lru_cache(maxsize=8192)
def _staff(kind: str, need: StaffingInput) -> tuple[int, int]:
    result = erlang_staffing(need) if kind == StaffingModel.REAL_TIME else workload_staffing(need)
    return result.agents, result.scheduled


def _need(staffing: QueueStaffing, contacts: float) -> tuple[int, int]:
    """Agents needed and scheduled for `contacts` in a half hour (contacts rounded to a
    tenth, so the many similar half hours share one computation)."""
    need = StaffingInput(
        contacts=round(float(contacts), 1),
        interval_minutes=30,
        aht_seconds=staffing.aht_seconds,
        service_level=staffing.service_level,
        target_seconds=staffing.target_seconds,
        shrinkage=staffing.shrinkage,
        max_occupancy=staffing.max_occupancy,
    )
    return _staff(staffing.model, need)


def _workload(plan: _Plan, working: list[int]) -> list[float]:
    """Contacts to staff for in each half hour of the plan (`working`: the team's agents
    on shift in each). Real time: those arriving in it. Mail and portal are answered in
    the team's working half hours, like an SLA clock on a business calendar: work
    arriving while nobody is on shift waits for the next half hour with someone on shift,
    and the work is spread over the reply target's window counted in working half hours
    (a mail answered within 4 hours may wait for an agent who frees up later)."""
    arriving = [float(plan.result.expected[d, s]) for d, s in plan.cells]
    if plan.staffing.model == StaffingModel.REAL_TIME:
        return arriving
    opened = [i for i, agents in enumerate(working) if agents] or list(range(len(arriving)))
    work, previous = [], -1
    for i in opened:  # the work waiting at each working half hour
        work.append(sum(arriving[previous + 1 : i + 1]))
        previous = i
    window = max(int(plan.staffing.target_seconds // 1800), 1)
    sums = np.cumsum([0.0, *work])
    spread = [float(sums[k + 1] - sums[max(k + 1 - window, 0)]) / window for k in range(len(work))]
    staffed = [0.0] * len(arriving)
    for i, contacts in zip(opened, spread, strict=True):
        staffed[i] = contacts
    return staffed


def _store(run: ForecastRun, plans: list[_Plan]) -> None:
    moments = sorted({start for plan in plans for start in plan.starts})
    position = {start: i for i, start in enumerate(moments)}
    shifts = on_shift({p.queue.team_id for p in plans}, moments)
    team_need: dict[tuple[int, datetime], int] = defaultdict(int)
    staffed: list[list[tuple[int, int]]] = []
    for plan in plans:
        team_shift = shifts.get(plan.queue.team_id, [0] * len(moments))
        working = [team_shift[position[start]] for start in plan.starts]
        needs = [_need(plan.staffing, contacts) for contacts in _workload(plan, working)]
        staffed.append(needs)
        for start, (_, scheduled) in zip(plan.starts, needs, strict=True):
            team_need[plan.queue.team_id, start] += scheduled
    rows = []
    for plan, needs in zip(plans, staffed, strict=True):
        forecast = QueueForecast.objects.create(
            run=run,
            queue=plan.queue,
            weeks_of_history=plan.result.weeks_of_history,
            wape=plan.result.wape,
            mape=plan.result.mape,
            baseline_wape=plan.result.baseline_wape,
        )
        team_shift = shifts.get(plan.queue.team_id, [0] * len(moments))
        short = 0
        for i, (start, (day, slot)) in enumerate(zip(plan.starts, plan.cells, strict=True)):
            agents, scheduled = needs[i]
            total = team_need[plan.queue.team_id, start]
            agents_on = team_shift[position[start]]
            short += total > agents_on
            rows.append(
                ForecastInterval(
                    forecast=forecast,
                    start=start,
                    expected=float(plan.result.expected[day, slot]),
                    low=float(plan.result.low[day, slot]),
                    high=float(plan.result.high[day, slot]),
                    agents_needed=agents,
                    scheduled=scheduled,
                    team_scheduled=total,
                    on_shift=agents_on,
                )
            )
        forecast.short_intervals = short
        forecast.save(update_fields=["short_intervals"])
    ForecastInterval.objects.bulk_create(rows, batch_size=2000)


def _forget_old_runs() -> None:
    keep = ForecastRun.objects.order_by("-started_at", "-id").values_list("id", flat=True)
    old = list(keep[RUNS_KEPT:])
    if old:
        ForecastRun.objects.filter(id__in=old).delete()
