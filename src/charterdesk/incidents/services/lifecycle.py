"""Open, qualify and alert: the start of an incident's life."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError

from charterdesk.accounts.models import User

from ..assignments import roles_assign
from ..audience import audience_compute
from ..choices import (
    OPEN_STATUSES,
    EventKind,
    Impact,
    Qualification,
    Source,
    TemplateKind,
)
from ..fanout import notices_send
from ..models import Incident, Service, SeverityPolicy
from ..timeline import event
from ..webhooks.events import incident_changed
from ..webhooks.models import WebhookEvent
from ..wording import rendered, values_for
from .checks import check_next_update, check_runner, clean_regions, raise_if
from .linking import linked_tickets_hold


def incident_open(
    actor: User | None,
    *,
    title: str,
    services: Sequence[Service],
    now: datetime,
    severity: SeverityPolicy | None = None,
    regions: Sequence[str] = (),
    source: Source = Source.MANUAL,
    started_at: datetime | None = None,
    nature: str = "",
    dedup_key: str = "",
) -> Incident:
    """A suspected incident, by hand (desk), by API, by a monitor or a ticket spike
    (`actor` None). With a `dedup_key`, an open incident with the same key is returned
    instead of a second one."""
    check_runner(actor)
    errors: dict[str, str] = {}
    title = " ".join(title.split())
    if not title:
        errors["title"] = "Give the incident a title."
    if not services:
        errors["service_ids"] = "Name at least one affected service."
    cleaned = clean_regions(list(regions), errors)
    if started_at is not None and started_at > now:
        errors["started_at"] = "The start cannot be in the future."
    raise_if(errors)
    if dedup_key:
        same = Incident.objects.filter(dedup_key=dedup_key, status__in=OPEN_STATUSES).exclude(
            qualification=Qualification.DISMISSED
        )
        existing = same.first()
        if existing is not None:
            return existing
    incident = Incident.objects.create(
        title=title[:200],
        severity=severity,
        regions=cleaned,
        source=source,
        nature=nature,
        dedup_key=dedup_key[:200],
        started_at=started_at or now,
        detected_at=now,
        created_by=actor,
        created_at=now,
    )
    incident.services.set(services)
    event(incident, EventKind.OPENED, actor, f"Suspected: {incident.title}", at=now)
    incident_changed(WebhookEvent.INCIDENT_CREATED, incident, now)
    return incident


def incident_qualify(
    incident: Incident,
    actor: User | None,
    *,
    confirm: bool,
    now: datetime,
    severity: SeverityPolicy | None = None,
    alert_customers: bool | None = None,
    services: Sequence[Service] | None = None,
    regions: Sequence[str] | None = None,
    impact: str | None = None,
    nature: str | None = None,
    next_update_at: datetime | None = None,
    expected_resolution_at: datetime | None = None,
    is_public: bool | None = None,
) -> Incident:
    """Confirm or dismiss a suspected incident. Confirming sets the severity (whose policy
    decides whether customers are alerted unless `alert_customers` says), the scope and
    the promised next update; it stores the audience and assigns the roles, and alerts
    at once when the policy's delay has passed (else the sweep alerts when it does)."""
    check_runner(actor)
    if incident.qualification != Qualification.SUSPECTED:
        raise ValidationError({"confirm": "This incident is already qualified."})
    if not confirm:
        return _dismiss(incident, actor, now)
    errors: dict[str, str] = {}
    if severity is None:
        errors["severity"] = "Choose a severity."
    if services is not None and not services:
        errors["service_ids"] = "Name at least one affected service."
    if impact is not None and impact not in Impact.values:
        errors["impact"] = f"Use one of {', '.join(Impact.values)}."
    cleaned = clean_regions(list(regions), errors) if regions is not None else None
    alert = severity.alert_customers if alert_customers is None and severity else alert_customers
    if alert or next_update_at is not None:
        check_next_update(next_update_at, severity, now, errors)
    raise_if(errors)
    assert severity is not None  # noqa: S101 - checked above
    _apply_scope(incident, services, cleaned)
    incident.qualification = Qualification.CONFIRMED
    incident.severity = severity
    incident.alert_customers = bool(alert)
    incident.qualified_at = now
    incident.next_update_due = next_update_at
    incident.impact = impact or incident.impact
    incident.nature = incident.nature if nature is None else nature
    incident.expected_resolution_at = expected_resolution_at
    incident.is_public = incident.is_public if is_public is None else is_public
    incident.save()
    roles_assign(incident)
    organizations, contacts = audience_compute(incident, now.date())
    text = f"Confirmed as {severity}; customers {'alerted' if alert else 'not alerted'}."
    event(incident, EventKind.CONFIRMED, actor, text, at=now, severity=severity.level)
    event(
        incident,
        EventKind.AUDIENCE,
        actor,
        f"{_count(organizations, 'organization')}, {_count(contacts, 'contact')} affected.",
        at=now,
        organizations=organizations,
        contacts=contacts,
    )
    if alert and alert_due(incident) <= now:
        incident_alert(incident, now)
    incident_changed(WebhookEvent.INCIDENT_QUALIFIED, incident, now)
    return incident


def _apply_scope(
    incident: Incident, services: Sequence[Service] | None, regions: list[str] | None
) -> None:
    if services is not None:
        incident.services.set(services)
    if regions is not None:
        incident.regions = regions


def _dismiss(incident: Incident, actor: User | None, now: datetime) -> Incident:
    incident.qualification = Qualification.DISMISSED
    incident.qualified_at = now
    incident.alert_customers = False
    incident.next_update_due = None
    incident.save()
    event(incident, EventKind.DISMISSED, actor, "Dismissed: not an incident.", at=now)
    incident_changed(WebhookEvent.INCIDENT_QUALIFIED, incident, now)
    return incident


def alert_due(incident: Incident) -> datetime:
    """When customers may first be alerted: the severity's delay after the start."""
    delay = incident.severity.alert_after_minutes if incident.severity else 0
    return incident.started_at + timedelta(minutes=delay)


def incident_alert(incident: Incident, now: datetime) -> int:
    """The first alert to the stored audience (once). Returns the mails queued."""
    if incident.first_alert_at is not None:
        return 0
    subject, text = rendered(TemplateKind.FIRST_ALERT, values_for(incident))
    queued = notices_send(incident, subject, text, now)
    incident.first_alert_at = now
    incident.save(update_fields=["first_alert_at"])
    event(incident, EventKind.ALERT, None, f"First alert to {_count(queued, 'contact')}.", at=now)
    linked_tickets_hold(incident, now)
    return queued


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
