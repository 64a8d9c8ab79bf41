"""Reminders to subscribers before a maintenance window starts (the `remind-maintenance`
job). Each window is claimed with a conditional UPDATE before its reminder is queued, so
several schedulers at once remind it exactly once."""

from datetime import datetime

from django.db import transaction

from charterdesk.incidents.choices import MaintenanceStatus
from charterdesk.incidents.maintenance import REMIND_BEFORE, maintenance_notify
from charterdesk.incidents.models import Maintenance

BATCH = 100


def maintenance_remind(now: datetime) -> list[int]:
    """Remind the subscribers of the public windows starting within REMIND_BEFORE (and
    not started yet). Returns the windows reminded."""
    due = Maintenance.objects.filter(
        status=MaintenanceStatus.SCHEDULED,
        is_public=True,
        reminded_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + REMIND_BEFORE,
    ).order_by("starts_at")[:BATCH]
    reminded = []
    for maintenance in due:
        with transaction.atomic(durable=True):
            claimed = Maintenance.objects.filter(
                pk=maintenance.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if claimed != 1:
                continue
            minutes = max(1, round((maintenance.starts_at - now).total_seconds() / 60))
            message = f"A reminder: the maintenance starts in {minutes} minutes."
            maintenance_notify(maintenance, now, label="Reminder", message=message)
            reminded.append(maintenance.pk)
    return reminded
