"""Managing monitors and receiving heartbeats."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm

from .models import Monitor, MonitorKind

EDITABLE = (
    "service",
    "name",
    "kind",
    "url",
    "host",
    "port",
    "expected_status",
    "body_contains",
    "max_latency_ms",
    "min_days_left",
    "timeout_seconds",
    "interval_seconds",
    "grace_seconds",
    "failures_to_open",
    "successes_to_recover",
    "dedup_minutes",
    "is_active",
)


def _check_manager(actor: User) -> None:
    if not actor.has_perm(Perm.MANAGE_SERVICES):
        raise PermissionDenied("Only those who manage services manage their monitors.")


def monitor_create(actor: User, now: datetime, **fields: Any) -> Monitor:
    _check_manager(actor)
    monitor = Monitor(**{k: v for k, v in fields.items() if k in EDITABLE})
    monitor.created_at = monitor.next_check_at = now
    monitor.save()
    return monitor


def monitor_update(actor: User, monitor: Monitor, now: datetime, **fields: Any) -> Monitor:
    """Change what a monitor checks and its thresholds; the next check comes at once and
    the counts in a row start again, so old results do not mix with the new rule."""
    _check_manager(actor)
    for name, value in fields.items():
        if name in EDITABLE and name != "service":
            setattr(monitor, name, value)
    monitor.failures = monitor.successes = 0
    monitor.next_check_at = now
    monitor.save()
    return monitor


def monitor_toggle(actor: User, monitor: Monitor, *, active: bool, now: datetime) -> None:
    _check_manager(actor)
    monitor.is_active = active
    monitor.next_check_at = now
    monitor.save(update_fields=["is_active", "next_check_at"])


def heartbeat_record(secret: str, now: datetime) -> bool:
    """A service's call to its heartbeat address; False when no active heartbeat has it."""
    updated = Monitor.objects.filter(
        secret=secret, kind=MonitorKind.HEARTBEAT, is_active=True
    ).update(last_heartbeat_at=now)
    return updated == 1
