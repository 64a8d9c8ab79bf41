"""Scheduled maintenance: announce a window, then move it scheduled -> in progress ->
verifying -> completed (one step at a time, or straight to completed)."""

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.incidents.choices import MaintenanceStatus
from charterdesk.incidents.models import Maintenance, Service
from charterdesk.incidents.webhooks.events import maintenance_changed

S = MaintenanceStatus
NEXT = {
    S.SCHEDULED: (S.IN_PROGRESS, S.COMPLETED),
    S.IN_PROGRESS: (S.VERIFYING, S.COMPLETED),
    S.VERIFYING: (S.IN_PROGRESS, S.COMPLETED),
    S.COMPLETED: (),
}


def _check(actor: User) -> None:
    if not actor.has_perm(Perm.RUN_INCIDENTS):
        raise PermissionDenied("Only support staff who run incidents plan maintenance.")


def maintenance_create(
    actor: User,
    *,
    title: str,
    description: str,
    services: Sequence[Service],
    starts_at: datetime,
    ends_at: datetime,
    is_public: bool,
    now: datetime,
) -> Maintenance:
    _check(actor)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Give the maintenance a title."
    if not services:
        errors["services"] = "Name at least one service."
    if ends_at <= starts_at:
        errors["ends_at"] = "The window must end after it starts."
    elif ends_at <= now:
        errors["ends_at"] = "The window is already over."
    if errors:
        raise ValidationError(errors)
    maintenance = Maintenance.objects.create(
        title=title.strip()[:200],
        description=description.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        is_public=is_public,
        created_by=actor,
        created_at=now,
    )
    maintenance.services.set(services)
    maintenance_changed(maintenance, now)
    return maintenance


def maintenance_move(actor: User, maintenance: Maintenance, to: str, now: datetime) -> None:
    _check(actor)
    if to not in NEXT[S(maintenance.status)]:
        now_is = maintenance.get_status_display().lower()
        raise ValidationError({"status": f"A maintenance {now_is} cannot move there."})
    maintenance.status = to
    fields = ["status"]
    if to == S.IN_PROGRESS and maintenance.started_at is None:
        maintenance.started_at = now
        fields.append("started_at")
    if to == S.COMPLETED:
        maintenance.completed_at = now
        fields.append("completed_at")
    maintenance.save(update_fields=fields)
    maintenance_changed(maintenance, now)
