"""A forecast run: history counted per half hour, peaks, agents needed against shifts."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from charterdesk.forecasting.arrivals import arrivals
from charterdesk.forecasting.models import (
    ForecastInterval,
    PeakDay,
    QueueForecast,
    QueueStaffing,
    StaffingModel,
    Trigger,
)
from charterdesk.forecasting.services import forecast_run
from tests.forecasting.factories import history, tickets_at
from tests.routing import factories as routing

NOW = datetime(2026, 3, 4, 3, 0, tzinfo=UTC)  # a Wednesday night
TODAY = NOW.date()


@pytest.fixture
def desk(personas):  # type: ignore[no-untyped-def]
    team = routing.team(lead=personas.manager)
    queue = routing.queue(team, name="Phones")
    QueueStaffing.objects.create(queue=queue, model=StaffingModel.REAL_TIME, aht_seconds=300)
    history(queue, first=TODAY - timedelta(weeks=12), weeks=12, per_week=400)
    return team, queue


def _intervals(queue):  # type: ignore[no-untyped-def]
    return ForecastInterval.objects.filter(forecast__queue=queue).order_by("start")


def test_half_hours_are_counted_in_the_queues_time_zone(personas) -> None:  # type: ignore[no-untyped-def]
    queue = routing.queue(routing.team())
    # 23:40 UTC on 1 March is 00:40 on 2 March in Berlin: the second half hour of the day.
    tickets_at(queue, [datetime(2026, 3, 1, 23, 40, tzinfo=UTC)] * 2)

    counts = arrivals([queue.pk], ZoneInfo("Europe/Berlin"), date(2026, 3, 1), 2)[queue.pk]

    assert counts[1, 1] == 2
    assert counts.sum() == 2


def test_forecast_follows_the_working_day_and_the_week(desk) -> None:  # type: ignore[no-untyped-def]
    _, queue = desk

    forecast_run(trigger=Trigger.ON_DEMAND, now=NOW)

    rows = {i.start: i for i in _intervals(queue)}
    assert len(rows) == 28 * 48
    thursday_ten = rows[datetime(2026, 3, 5, 10, 0, tzinfo=UTC)]
    sunday_three = rows[datetime(2026, 3, 8, 3, 0, tzinfo=UTC)]
    assert thursday_ten.expected > 5 * sunday_three.expected
    assert thursday_ten.low <= thursday_ten.expected <= thursday_ten.high
    assert thursday_ten.agents_needed > sunday_three.agents_needed
    summary = QueueForecast.objects.get(queue=queue)
    assert summary.weeks_of_history == 12
    assert 0 < summary.wape < summary.baseline_wape


def test_a_peak_day_ahead_multiplies_that_days_forecast(desk) -> None:  # type: ignore[no-untyped-def]
    _, queue = desk
    PeakDay.objects.create(day=date(2026, 3, 12), queue=queue, multiplier=2.0, note="Release")

    forecast_run(trigger=Trigger.ON_DEMAND, now=NOW)

    rows = {i.start: i.expected for i in _intervals(queue)}
    release = rows[datetime(2026, 3, 12, 10, 0, tzinfo=UTC)]
    week_before = rows[datetime(2026, 3, 5, 10, 0, tzinfo=UTC)]
    assert release == pytest.approx(2 * week_before, rel=0.05)


def test_intervals_without_enough_agents_on_shift_are_short(desk) -> None:  # type: ignore[no-untyped-def]
    team, queue = desk
    nine_to_five = routing.calendar("UTC", "09:00", "17:00")
    for n in range(3):
        routing.agent(f"Agent {n}", team, calendar=nine_to_five)

    forecast_run(trigger=Trigger.ON_DEMAND, now=NOW)

    rows = {i.start: i for i in _intervals(queue)}
    morning = rows[datetime(2026, 3, 5, 10, 0, tzinfo=UTC)]
    assert morning.on_shift == 3
    assert morning.scheduled > 3
    assert morning.short == morning.team_scheduled - 3
    night = rows[datetime(2026, 3, 5, 23, 0, tzinfo=UTC)]
    assert night.on_shift == 0
    assert QueueForecast.objects.get(queue=queue).short_intervals > 0


def test_mail_arriving_at_night_waits_for_the_morning_shift(personas) -> None:  # type: ignore[no-untyped-def]
    team = routing.team()
    queue = routing.queue(team, name="Mail")
    QueueStaffing.objects.create(queue=queue, aht_seconds=600, target_seconds=4 * 3600)
    routing.agent("Day shift", team, calendar=routing.calendar("UTC", "09:00", "17:00"))
    history(queue, first=TODAY - timedelta(weeks=4), weeks=4, per_week=400)

    forecast_run(trigger=Trigger.ON_DEMAND, now=NOW)

    rows = {i.start: i for i in _intervals(queue)}
    evening = datetime(2026, 3, 5, 17, 0, tzinfo=UTC)
    night = [rows[evening + timedelta(minutes=30 * n)] for n in range(32)]  # 17:00 to 09:00
    assert sum(i.expected for i in night) > 1
    assert {(i.agents_needed, i.short) for i in night} == {(0, 0)}
    morning = rows[datetime(2026, 3, 5, 9, 0, tzinfo=UTC)]
    assert morning.agents_needed >= 1 and morning.short > 0
