"""The sweep claims due monitors with a conditional UPDATE: a second claim at the same
moment gets nothing, a checked monitor waits its interval, a lost claim expires."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.incidents.models import Monitor
from charterdesk.incidents.monitors.sweep import LEASE, claim, sweep
from tests.incidents.factories import service


def _heartbeats(n: int, now):  # type: ignore[no-untyped-def]
    cloud = service("Cloud")
    return [
        Monitor.objects.create(
            service=cloud, name=f"Job {i}", kind="heartbeat", next_check_at=now, created_at=now
        )
        for i in range(n)
    ]


def test_two_claims_at_once_split_the_monitors(db):
    now = timezone.now()
    _heartbeats(5, now)
    first = claim(now, limit=3)
    second = claim(now, limit=3)
    assert len(first) == 3 and len(second) == 2
    assert not set(first) & set(second)
    assert claim(now) == []
    assert claim(now + LEASE + timedelta(seconds=1)) != []  # a lost worker's claims expire


def test_a_checked_monitor_waits_its_interval_and_paused_ones_are_skipped(db):
    now = timezone.now()
    monitors = _heartbeats(2, now)
    Monitor.objects.filter(pk=monitors[1].pk).update(is_active=False)
    assert sweep(now) == [monitors[0].pk]
    assert sweep(now + timedelta(seconds=30)) == []
    assert sweep(now + timedelta(seconds=60)) == [monitors[0].pk]
