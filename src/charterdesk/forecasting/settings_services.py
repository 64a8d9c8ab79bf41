"""Writes of the forecast's settings: a queue's staffing figures and the peak days.

Managers only (Perm.MANAGE_SETTINGS); the caller owns the transaction; the audit log
records every change (apps.py)."""

from datetime import date

from django.core.exceptions import PermissionDenied

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.routing.models import Queue

from .models import PeakDay, QueueStaffing

STAFFING_FIELDS = (
    "model",
    "timezone",
    "aht_seconds",
    "service_level",
    "target_seconds",
    "shrinkage",
    "max_occupancy",
)


def _require_manager(actor: User) -> None:
    if not actor.has_perm(Perm.MANAGE_SETTINGS):
        raise PermissionDenied("Only support managers change the staffing settings.")


def queue_staffing_save(*, actor: User, queue: Queue, values: dict[str, object]) -> QueueStaffing:
    """Set the queue's staffing figures (created on first save); a bad value raises a
    ValidationError naming its field."""
    _require_manager(actor)
    staffing = QueueStaffing.objects.filter(queue=queue).first() or QueueStaffing(queue=queue)
    for name in STAFFING_FIELDS:
        if name in values:
            setattr(staffing, name, values[name])
    staffing.save()
    return staffing


def peak_day_add(
    *, actor: User, day: date, queue: Queue | None, multiplier: float, note: str = ""
) -> PeakDay:
    """A known busy day; the same day and queue again changes its multiplier."""
    _require_manager(actor)
    peak = PeakDay.objects.filter(day=day, queue=queue).first() or PeakDay(day=day, queue=queue)
    peak.multiplier = multiplier
    peak.note = note
    peak.save()
    return peak


def peak_day_delete(*, actor: User, peak: PeakDay) -> None:
    _require_manager(actor)
    peak.delete()
