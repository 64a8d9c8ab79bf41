"""The trends read from the daily rollup show exactly what counting the tickets directly
shows, on random tickets, before and after the sweep, and after changes that reach back
into days already rolled up (reopened, moved, re-dated and imported tickets)."""

import random
from copy import copy
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from charterdesk.routing.models import Queue
from charterdesk.tickets.models import Status, Ticket
from charterdesk.workspace.dashboard.rollup import live_from, sweep
from charterdesk.workspace.dashboard.trends import trends, trends_direct, window
from charterdesk.workspace.models import DailyTrend, TrendMark
from tests.tickets.factories import open_ticket

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)
ZONE = "Europe/Berlin"  # daylight saving ends on 25 Oct, inside the 90 days


def random_tickets(rng: random.Random, count: int) -> list[Ticket]:
    model = open_ticket()
    queues = list(Queue.objects.values_list("pk", flat=True))
    made = []
    for _ in range(count):
        ticket = copy(model)
        ticket.pk = ticket.id = None
        ticket.created_at = NOW - timedelta(seconds=rng.randint(0, 95 * 86400))
        ticket.queue_id = rng.choice(queues)
        replied = rng.random() < 0.8
        ticket.first_replied_at = (
            min(NOW, ticket.created_at + timedelta(seconds=rng.randint(30, 3 * 86400)))
            if replied
            else None
        )
        solved = rng.random() < 0.6
        ticket.status = Status.SOLVED if solved else Status.OPEN
        ticket.solved_at = (
            min(NOW, ticket.created_at + timedelta(seconds=rng.randint(600, 20 * 86400)))
            if solved
            else None
        )
        made.append(ticket)
    return Ticket.objects.bulk_create(made)


def figures(result):  # type: ignore[no-untyped-def]
    return [
        (d.day, d.created, d.solved, d.first_reply, d.resolution, d.first_reply_median)
        for d in result.days
    ]


def assert_same(days: int = 90) -> None:
    assert figures(trends(days, NOW)) == figures(trends_direct(days, NOW))


@override_settings(TIME_ZONE=ZONE)
@pytest.mark.parametrize("seed", [1, 2])
def test_rollup_gives_the_direct_figures_on_random_tickets(personas, seed) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    tickets = random_tickets(rng, 120)
    assert_same()
    result = sweep(NOW, ZoneInfo(ZONE))
    assert result["days"] == 89 and DailyTrend.objects.exists()
    zone, dates, _ = window(90, NOW)
    assert live_from(zone, dates[0], dates[-1]) == dates[-1]  # only today is counted live
    for days in (7, 30, 90):
        assert_same(days)

    # Changes that reach into rolled-up days: each is marked, read live, then rolled again.
    reopened = next(t for t in tickets if t.solved_at and t.solved_at < NOW - timedelta(days=5))
    Ticket.objects.filter(pk=reopened.pk).update(status=Status.OPEN, solved_at=None)
    moved = tickets[1]
    other = Queue.objects.exclude(pk=moved.queue_id).first()
    Ticket.objects.filter(pk=moved.pk).update(queue=other)
    Ticket.objects.filter(pk=tickets[2].pk).update(created_at=NOW - timedelta(days=40))
    random_tickets(rng, 5)  # imported history, all in the past
    assert TrendMark.objects.exists()
    assert_same()
    sweep(NOW, ZoneInfo(ZONE))
    assert not TrendMark.objects.exists()
    assert_same()


@override_settings(TIME_ZONE=ZONE)
def test_the_rollup_is_what_is_read_for_closed_days(personas) -> None:  # type: ignore[no-untyped-def]
    random_tickets(random.Random(3), 30)
    sweep(NOW, ZoneInfo(ZONE))
    before = trends(30, NOW)
    DailyTrend.objects.update(tickets=1000)  # a tampered rollup shows in the panel
    after = trends(30, NOW)
    assert after.created > before.created
    assert after.days[-1].created == before.days[-1].created  # today: counted live


@override_settings(TIME_ZONE=ZONE)
def test_a_change_of_the_desks_zone_rolls_everything_up_again(personas) -> None:  # type: ignore[no-untyped-def]
    random_tickets(random.Random(4), 40)
    sweep(NOW, ZoneInfo("UTC"))
    assert_same()  # counted in UTC, read in Berlin: not used
    sweep(NOW, ZoneInfo(ZONE))
    assert_same()
