"""The incident sweep (a scheduler job, every minute): never miss a promised update.

- a first alert held back by the severity's delay goes out once the delay has passed;
- the communications lead is reminded before the promised update is due;
- when the promise passes without an update, the commander is alerted (and the
  communications lead told) and the miss is counted on the incident.

Each step claims an incident with a conditional UPDATE before acting, so several
schedulers running the sweep at once act exactly once. The partial index
`incident_update_due` (open, confirmed incidents with a promised update) keeps the scans
small. Post-mortem follow-through (action reminders, overdue post-mortems chased) is in
postmortem_sweep.py."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, QuerySet

from charterdesk.mail.outbox import mail_queue

from .assignments import role_addresses
from .choices import OPEN_STATUSES, EventKind, IncidentRole, Qualification
from .models import Incident
from .postmortem_sweep import actions_overdue, actions_remind, postmortems_chase
from .services import alert_due, incident_alert
from .timeline import event

BATCH = 200


@dataclass
class SweepResult:
    alerted: list[int] = field(default_factory=list)
    reminded: list[int] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    actions_reminded: list[int] = field(default_factory=list)
    actions_overdue: list[int] = field(default_factory=list)
    postmortems_chased: list[int] = field(default_factory=list)


def _open() -> QuerySet[Incident]:
    return Incident.objects.filter(
        qualification=Qualification.CONFIRMED, status__in=OPEN_STATUSES
    ).select_related("severity")


def sweep(now: datetime) -> SweepResult:
    return SweepResult(
        alerted=_held_alerts(now),
        reminded=_remind(now),
        missed=_flag_missed(now),
        actions_reminded=actions_remind(now),
        actions_overdue=actions_overdue(now),
        postmortems_chased=postmortems_chase(now),
    )


def _held_alerts(now: datetime) -> list[int]:
    waiting = _open().filter(alert_customers=True, first_alert_at__isnull=True)[:BATCH]
    alerted = []
    for incident in waiting:
        if alert_due(incident) > now:
            continue
        with transaction.atomic(durable=True):
            # incident_alert claims it: first_alert_at is set only by the first caller
            locked = Incident.objects.select_for_update().get(pk=incident.pk)
            if incident_alert(locked, now):
                alerted.append(incident.pk)
    return alerted


def _remind(now: datetime) -> list[int]:
    due = (
        _open()
        .filter(next_update_due__gt=now, update_reminded_at__isnull=True)
        .order_by("next_update_due")[:BATCH]
    )
    reminded = []
    for incident in due:
        lead = timedelta(minutes=incident.severity.reminder_minutes if incident.severity else 10)
        if incident.next_update_due is None or incident.next_update_due - lead > now:
            continue
        with transaction.atomic(durable=True):
            claimed = Incident.objects.filter(
                pk=incident.pk,
                update_reminded_at__isnull=True,
                next_update_due=incident.next_update_due,
            ).update(update_reminded_at=now)
            if claimed != 1:
                continue
            to = role_addresses(incident, IncidentRole.COMMUNICATIONS)
            _mail(to, "incidents/mail/update_reminder", incident, now)
            event(
                incident, EventKind.REMINDER, None, f"Reminded {', '.join(to) or 'nobody'}", at=now
            )
            reminded.append(incident.pk)
    return reminded


def _flag_missed(now: datetime) -> list[int]:
    due = (
        _open()
        .filter(next_update_due__lte=now, update_missed_at__isnull=True)
        .order_by("next_update_due")[:BATCH]
    )
    missed = []
    for incident in due:
        with transaction.atomic(durable=True):
            claimed = Incident.objects.filter(
                pk=incident.pk,
                update_missed_at__isnull=True,
                next_update_due=incident.next_update_due,
            ).update(update_missed_at=now, missed_updates=F("missed_updates") + 1)
            if claimed != 1:
                continue
            to = role_addresses(incident, IncidentRole.COMMANDER)
            for address in role_addresses(incident, IncidentRole.COMMUNICATIONS):
                if address not in to:
                    to.append(address)
            _mail(to, "incidents/mail/update_missed", incident, now)
            event(
                incident,
                EventKind.MISSED,
                None,
                f"Update promised for "
                f"{incident.next_update_due:%H:%M} missed; told {', '.join(to) or 'nobody'}",
                at=now,
            )
            missed.append(incident.pk)
    return missed


def _mail(to: list[str], template: str, incident: Incident, now: datetime) -> None:
    mail_queue(to=to, template=template, context={"incident": incident, "now": now})
