"""The periodic sweep: claim the monitors that are due with one conditional UPDATE (so
several workers never check one monitor twice), check them, record the outcomes."""

from datetime import datetime, timedelta

from django.db import connection, transaction

from charterdesk.core.sql import in_ids

from . import probes
from .models import Monitor, MonitorKind, MonitorResult
from .verdict import record

BATCH = 50
LEASE = timedelta(minutes=5)  # a claim older than this was lost with its worker
KEEP = timedelta(days=30)


def claim(now: datetime, limit: int = BATCH) -> list[int]:
    """Mark due monitors as claimed and return their ids; a second worker running the same
    statement at the same time gets other monitors or none."""
    table = Monitor._meta.db_table
    adapt = connection.ops.adapt_datetimefield_value
    due = (
        '"is_active" = %s AND "next_check_at" <= %s AND ("claimed_at" IS NULL OR "claimed_at" < %s)'
    )
    sql = (
        f'UPDATE {table} SET "claimed_at" = %s WHERE id IN ('  # noqa: S608 - fixed names
        f'SELECT id FROM {table} WHERE {due} ORDER BY "next_check_at" LIMIT %s) AND {due} '
        "RETURNING id"
    )
    stale = adapt(now - LEASE)
    condition = [True, adapt(now), stale]
    with connection.cursor() as cursor:
        cursor.execute(sql, [adapt(now), *condition, limit, *condition])
        return [row[0] for row in cursor.fetchall()]


def check(monitor: Monitor, now: datetime) -> probes.Outcome:
    timeout = monitor.timeout_seconds
    if monitor.kind == MonitorKind.HTTP:
        return probes.http(
            monitor.url,
            expected_status=monitor.expected_status,
            body_contains=monitor.body_contains,
            max_latency_ms=monitor.max_latency_ms,
            timeout=timeout,
        )
    if monitor.kind == MonitorKind.TCP:
        return probes.tcp(
            monitor.host, monitor.port or 0, max_latency_ms=monitor.max_latency_ms, timeout=timeout
        )
    if monitor.kind == MonitorKind.TLS:
        return probes.tls(
            monitor.host,
            monitor.port or 443,
            min_days_left=monitor.min_days_left,
            now=now,
            timeout=timeout,
        )
    return probes.heartbeat(
        monitor.last_heartbeat_at,
        monitor.created_at,
        interval=monitor.interval_seconds,
        grace=monitor.grace_seconds,
        now=now,
    )


def run_one(monitor_id: int, now: datetime) -> None:
    monitor = Monitor.objects.select_related("service").get(pk=monitor_id)
    outcome = check(monitor, now)  # outside any transaction: the network is slow
    with transaction.atomic():
        locked = Monitor.objects.select_for_update().select_related("service").get(pk=monitor_id)
        record(locked, outcome, now)
        Monitor.objects.filter(pk=monitor_id).update(
            claimed_at=None, next_check_at=now + timedelta(seconds=locked.interval_seconds)
        )


def sweep(now: datetime) -> list[int]:
    """Check every due monitor; returns the ids checked."""
    checked: list[int] = []
    while True:
        with transaction.atomic():
            ids = claim(now)
        for monitor_id in ids:
            run_one(monitor_id, now)
        checked.extend(ids)
        if len(ids) < BATCH:
            break
    MonitorResult.objects.filter(checked_at__lt=now - KEEP).delete()
    return checked


def release(ids: list[int]) -> None:
    """Give claimed monitors back (a worker stopping)."""
    if ids:
        where, params = in_ids("id", ids)
        with connection.cursor() as cursor:
            cursor.execute(
                f'UPDATE {Monitor._meta.db_table} SET "claimed_at" = NULL WHERE {where}',  # noqa: S608
                params,
            )
