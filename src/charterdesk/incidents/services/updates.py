"""Updates at the promised time, and the resolution."""

from collections.abc import Collection
from datetime import datetime

from django.core.exceptions import ValidationError

from charterdesk.accounts.models import User

from ..choices import OPEN_STATUSES, EventKind, IncidentStatus, TemplateKind
from ..fanout import notices_send
from ..models import Incident, IncidentUpdate
from ..placeholders import fill_reply
from ..timeline import event
from ..webhooks.events import incident_changed
from ..webhooks.models import WebhookEvent
from ..wording import rendered, values_for
from .checks import check_next_update, check_open, check_runner, raise_if
from .linking import linked_tickets_settle
from .postmortems import postmortem_open


def incident_post_update(
    incident: Incident,
    actor: User | None,
    *,
    status: str,
    message: str,
    next_update_at: datetime | None,
    now: datetime,
    is_public: bool = True,
) -> IncidentUpdate:
    """An update: the status it sets, and the next update it promises (at most the
    severity's interval ahead). A public update of an incident customers were alerted
    about goes to the same audience. Resolving is `incident_resolve`."""
    check_runner(actor)
    check_open(incident)
    errors: dict[str, str] = {}
    if status not in OPEN_STATUSES:
        errors["status"] = "Use investigating, identified or monitoring (resolve to resolve)."
    message = message.strip()
    if not message:
        errors["message"] = "Write what changed."
    check_next_update(next_update_at, incident.severity, now, errors)
    raise_if(errors)
    old_status = incident.status
    incident.status = status
    incident.next_update_due = next_update_at
    incident.update_reminded_at = None
    incident.update_missed_at = None
    incident.save()
    update = IncidentUpdate.objects.create(
        incident=incident,
        status=status,
        message=message,
        is_public=is_public,
        next_update_at=next_update_at,
        author=actor,
        created_at=now,
    )
    if old_status != status:
        event(incident, EventKind.STATUS, actor, f"{old_status} → {status}", at=now)
    if is_public and incident.first_alert_at is not None:
        subject, text = rendered(TemplateKind.UPDATE, values_for(incident, message))
        update.notified = notices_send(incident, subject, text, now)
        update.save(update_fields=["notified"])
    kind = "Public" if is_public else "Internal"
    event(incident, EventKind.UPDATE, actor, f"{kind} update: {message}", at=now, update=update.pk)
    incident_changed(WebhookEvent.INCIDENT_UPDATED, incident, now, update)
    return update


def incident_resolve(
    incident: Incident,
    actor: User | None,
    *,
    message: str,
    now: datetime,
    data_lost: bool | None = None,
    ticket_reply: str | None = None,
    keep_open: Collection[int] = (),
) -> IncidentUpdate:
    """Resolved: a final notice to the same audience (when it was alerted) saying what
    happened and whether data was lost; linked tickets get a public reply (`ticket_reply`,
    else the template) and are solved, except those in `keep_open`; the post-mortem
    opens with its due date."""
    check_runner(actor)
    check_open(incident)
    message = message.strip()
    if not message:
        raise ValidationError({"message": "Say what happened and what was done."})
    if ticket_reply:
        ticket_reply, problem = fill_reply(ticket_reply, message)
        if problem:
            raise ValidationError({"ticket_reply": problem})
    incident.status = IncidentStatus.RESOLVED
    incident.resolved_at = now
    incident.next_update_due = None
    incident.data_lost = data_lost
    incident.resolution_summary = message
    incident.save()
    update = IncidentUpdate.objects.create(
        incident=incident,
        status=IncidentStatus.RESOLVED,
        message=message,
        author=actor,
        created_at=now,
    )
    if incident.first_alert_at is not None:
        subject, text = rendered(TemplateKind.RESOLUTION, values_for(incident, message))
        update.notified = notices_send(incident, subject, text, now)
        update.save(update_fields=["notified"])
    event(incident, EventKind.RESOLVED, actor, message, at=now, notified=update.notified)
    linked_tickets_settle(incident, actor, message, now, reply=ticket_reply, keep_open=keep_open)
    postmortem_open(incident, now)
    incident_changed(WebhookEvent.INCIDENT_RESOLVED, incident, now, update)
    return update
