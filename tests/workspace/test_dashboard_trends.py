"""The trends count days as the desk's business calendar does: in its time zone, across
daylight-saving changes, on SQLite and PostgreSQL alike."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from charterdesk.tickets.models import Status, Ticket
from charterdesk.workspace.dashboard.sql import offsets
from charterdesk.workspace.dashboard.trends import median_of, trends
from tests.tickets.factories import open_ticket

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def created_at(ticket: Ticket, moment: datetime, **more: object) -> None:
    Ticket.objects.filter(pk=ticket.pk).update(created_at=moment, **more)


@override_settings(TIME_ZONE="Europe/Berlin")
def test_days_are_counted_in_the_desks_zone_across_daylight_saving(personas) -> None:  # type: ignore[no-untyped-def]
    Ticket.objects.update(created_at=NOW - timedelta(days=400))
    # 22:30 UTC on 24 Oct is 00:30 on 25 Oct in Berlin (summer time, +2) ...
    created_at(open_ticket(subject="Summer"), datetime(2026, 10, 24, 22, 30, tzinfo=UTC))
    # ... and 23:30 UTC on 25 Oct is 00:30 on 26 Oct (winter time, +1, since 03:00 that day)
    created_at(open_ticket(subject="Winter"), datetime(2026, 10, 25, 23, 30, tzinfo=UTC))
    figures = {d.day: d.created for d in trends(90, NOW).days}
    assert figures[date(2026, 10, 24)] == 0
    assert figures[date(2026, 10, 25)] == 1
    assert figures[date(2026, 10, 26)] == 1


@override_settings(TIME_ZONE="America/New_York")
def test_solved_per_day_and_median_resolution(personas) -> None:  # type: ignore[no-untyped-def]
    Ticket.objects.update(created_at=NOW - timedelta(days=400), solved_at=None)
    start = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)
    for hours in (1, 3, 5):
        ticket = open_ticket()
        created_at(
            ticket,
            start,
            status=Status.SOLVED,
            solved_at=start + timedelta(hours=hours),
            first_replied_at=start + timedelta(minutes=10),
        )
    result = trends(7, NOW)
    day = next(d for d in result.days if d.day == date(2026, 11, 18))
    assert (day.created, day.solved) == (3, 3)
    assert 2 * 3600 <= (day.resolution_median or 0) <= 4 * 3600  # the 3-hour ticket's bucket
    assert 300 <= (day.first_reply_median or 0) <= 900
    assert result.created == 3


def test_median_is_read_from_the_bucket_counts() -> None:
    assert median_of({}) is None
    assert median_of({0: 10}) == 150  # half-way through the first 5 minutes
    assert median_of({0: 1, 3: 1, 4: 2}) == 3600  # the top of 30-60 minutes
    assert median_of({4: 2}) == 3600 + 3600 * 0.5


def test_daylight_saving_changes_are_found_to_the_second() -> None:
    zone = ZoneInfo("Europe/Berlin")
    found = offsets(zone, datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 11, 1, tzinfo=UTC))
    assert [o for _, o in found] == [7200, 3600]
    assert found[1][0] == datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
