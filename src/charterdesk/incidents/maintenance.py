"""Scheduled maintenance: announce a window, then move it scheduled -> in progress ->
verifying -> completed (one step at a time, or straight to completed). Until it completes
it can be edited, rescheduled (a scheduled window: its start and end; a started one: its
end) or cancelled, and its audience hears of it; a reschedule re-arms the reminder.

A public window is told to the customers of its services (those an incident on them would
alert) and to the services' status-page subscribers, each address once: announced when it
is planned, a reminder REMIND_BEFORE it starts (the `remind-maintenance` job; a window
planned closer to its start than that is announced only), and a notice at every move."""

import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm

from .choices import MaintenanceStatus, TemplateKind
from .maintenance_notices import maintenance_customers_notify
from .models import Maintenance, Service
from .subscriber_fanout import subscribers_notify
from .webhooks.events import maintenance_changed
from .wording import rendered, values_for

S = MaintenanceStatus
REMIND_BEFORE = timedelta(hours=1)
SAID = {
    S.IN_PROGRESS: ("Started", "The maintenance has started."),
    S.VERIFYING: ("Verifying", "The work is done; we are checking that everything works."),
    S.COMPLETED: ("Completed", "The maintenance is completed."),
}
NEXT = {
    S.SCHEDULED: (S.IN_PROGRESS, S.COMPLETED),
    S.IN_PROGRESS: (S.VERIFYING, S.COMPLETED),
    S.VERIFYING: (S.IN_PROGRESS, S.COMPLETED),
    S.COMPLETED: (),
    S.CANCELLED: (),
}
OVER = (S.COMPLETED, S.CANCELLED)


def _check(actor: User) -> None:
    if not actor.has_perm(Perm.RUN_INCIDENTS):
        raise PermissionDenied("Only support staff who run incidents plan maintenance.")


def _regions(regions: Sequence[str]) -> list[str]:
    """Trimmed, each once, in order; an empty list means every region."""
    cleaned = list(dict.fromkeys(r.strip() for r in regions if r.strip()))
    if any(len(r) > 32 for r in cleaned):
        raise ValidationError({"regions": "A region has at most 32 characters."})
    return cleaned


def _validate(
    title: str, services: Sequence[Service], starts_at: datetime, ends_at: datetime, now: datetime
) -> None:
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
    regions: Sequence[str] = (),
) -> Maintenance:
    _check(actor)
    _validate(title, services, starts_at, ends_at, now)
    maintenance = Maintenance.objects.create(
        title=title.strip()[:200],
        description=description.strip(),
        regions=_regions(regions),
        starts_at=starts_at,
        ends_at=ends_at,
        is_public=is_public,
        created_by=actor,
        created_at=now,
    )
    maintenance.services.set(services)
    if is_public:
        maintenance_notify(maintenance, now)
        if maintenance.starts_at - REMIND_BEFORE <= now:
            maintenance.reminded_at = now  # the announcement is the reminder
            maintenance.save(update_fields=["reminded_at"])
    maintenance_changed(maintenance, now)
    return maintenance


def maintenance_notify(
    maintenance: Maintenance, now: datetime, *, label: str = "", message: str = ""
) -> int:
    """The maintenance notice to the customers of its services and their subscribers
    (each address once; public windows only): the template's words, `label`
    ("Reminder", "Started") before its subject, `message` before the description.
    Returns how many mails were queued."""
    if not maintenance.is_public:
        return 0
    said = "\n\n".join(part for part in (message, maintenance.description) if part)
    subject, text = rendered(TemplateKind.MAINTENANCE, values_for(maintenance, said))
    if label:
        subject = f"[{label}] {subject}"[:500]
    key = f"maintenance-{maintenance.pk}-{secrets.token_hex(6)}"
    queued = maintenance_customers_notify(maintenance, subject, text, now, prefix=key)
    services = maintenance.services.values_list("pk", flat=True)
    return queued + subscribers_notify(services, subject, text, now, key=key, mailed=key)


def maintenance_move(actor: User, maintenance: Maintenance, to: str, now: datetime) -> None:
    _check(actor)
    if to not in NEXT[S(maintenance.status)]:  # cancelled is maintenance_cancel's
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
    label, message = SAID[S(to)]
    maintenance_notify(maintenance, now, label=label, message=message)
    maintenance_changed(maintenance, now)


def _same(given: datetime, was: datetime) -> datetime:
    return was if abs(given - was) < timedelta(minutes=1) else given


def _arm_reminder(maintenance: Maintenance, now: datetime) -> None:
    """A scheduled window more than REMIND_BEFORE ahead is reminded again; a closer one
    is not (the notice of the change is its reminder)."""
    if maintenance.starts_at - REMIND_BEFORE > now:
        maintenance.reminded_at = None
    else:
        maintenance.reminded_at = now


def maintenance_edit(  # noqa: PLR0913 - the fields of the window
    actor: User,
    maintenance: Maintenance,
    *,
    title: str,
    description: str,
    services: Sequence[Service],
    regions: Sequence[str],
    starts_at: datetime,
    ends_at: datetime,
    is_public: bool,
    now: datetime,
) -> None:
    """Change a window before it completes. Moving it (its start or end) raises its
    `sequence`, re-arms the reminder and tells its audience "[Rescheduled]"; a change
    of services or regions tells the new audience "[Updated]"; a window made public
    is announced. Other changes (wording) tell nobody. Call with the row locked."""
    _check(actor)
    if maintenance.status in OVER:
        now_is = maintenance.get_status_display().lower()
        raise ValidationError({"status": f"A maintenance {now_is} cannot be changed."})
    # The desk's form has minutes only: within the same minute is the same moment.
    starts_at = _same(starts_at, maintenance.starts_at)
    ends_at = _same(ends_at, maintenance.ends_at)
    started = maintenance.status != S.SCHEDULED
    if started and starts_at != maintenance.starts_at:
        raise ValidationError({"starts_at": "It has started: only its end can move."})
    _validate(title, services, starts_at, ends_at, now)
    regions = _regions(regions)
    moved = (starts_at, ends_at) != (maintenance.starts_at, maintenance.ends_at)
    before = set(maintenance.services.values_list("pk", flat=True))
    reach = before != {s.pk for s in services} or regions != maintenance.regions
    announce = is_public and not maintenance.is_public
    maintenance.title, maintenance.description = title.strip()[:200], description.strip()
    maintenance.regions, maintenance.is_public = regions, is_public
    maintenance.starts_at, maintenance.ends_at = starts_at, ends_at
    if moved:
        maintenance.sequence += 1
    if (moved or announce) and not started:
        _arm_reminder(maintenance, now)
    maintenance.save()
    maintenance.services.set(services)
    if announce:
        maintenance_notify(maintenance, now)
    elif moved:
        maintenance_notify(maintenance, now, label="Rescheduled", message=RESCHEDULED)
    elif reach:
        maintenance_notify(maintenance, now, label="Updated", message=UPDATED)
    maintenance_changed(maintenance, now)


RESCHEDULED = "The maintenance has been rescheduled: see the new window below."
UPDATED = "The maintenance has changed: see the services and regions below."


def maintenance_cancel(
    actor: User, maintenance: Maintenance, now: datetime, reason: str = ""
) -> None:
    """Cancel a window before it completes: its audience hears "[Cancelled]" (with the
    reason), the reminder is off, the status page drops it and the iCalendar feed marks it
    STATUS:CANCELLED. Call with the row locked."""
    _check(actor)
    if maintenance.status in OVER:
        now_is = maintenance.get_status_display().lower()
        raise ValidationError({"status": f"A maintenance {now_is} cannot be cancelled."})
    maintenance.status = S.CANCELLED
    maintenance.cancelled_at = now
    maintenance.sequence += 1
    maintenance.save(update_fields=["status", "cancelled_at", "sequence"])
    message = " ".join(part for part in ("The maintenance is cancelled.", reason.strip()) if part)
    maintenance_notify(maintenance, now, label="Cancelled", message=message)
    maintenance_changed(maintenance, now)
