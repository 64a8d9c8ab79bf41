"""Scheduled maintenance: announce a window, then move it scheduled -> in progress ->
verifying -> completed (one step at a time, or straight to completed).

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
from charterdesk.incidents.choices import MaintenanceStatus, TemplateKind
from charterdesk.incidents.maintenance_notices import maintenance_customers_notify
from charterdesk.incidents.models import Maintenance, Service
from charterdesk.incidents.subscriber_fanout import subscribers_notify
from charterdesk.incidents.webhooks.events import maintenance_changed
from charterdesk.incidents.wording import rendered, values_for

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
    label, message = SAID[S(to)]
    maintenance_notify(maintenance, now, label=label, message=message)
    maintenance_changed(maintenance, now)
