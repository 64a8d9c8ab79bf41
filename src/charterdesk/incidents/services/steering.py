"""Steer an incident while it runs: widen its scope as an outage spreads, and hand its
roles (commander, communications lead, operations, scribe) to other people."""

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, Q

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm

from ..assignments import role_set
from ..audience import audience_extend
from ..choices import EventKind, IncidentRole, Qualification, TemplateKind
from ..fanout import notices_send
from ..models import AudienceContact, Incident, IncidentRoleHolder, Service
from ..subscriber_fanout import subscribers_notify
from ..timeline import event
from ..wording import rendered, values_for
from .checks import check_runner, clean_regions, raise_if

STEERING_ROLES = (IncidentRole.COMMANDER, IncidentRole.OPERATIONS)


def check_steward(actor: User | None, incident: Incident) -> None:
    """Managers, and whoever holds the incident's commander or operations role (in
    person or through their team); `None` is CharterDesk itself."""
    check_runner(actor)
    if actor is None or actor.has_perm(Perm.MANAGE_SETTINGS):
        return
    holds = IncidentRoleHolder.objects.filter(incident=incident, role__in=STEERING_ROLES).filter(
        Q(user=actor) | Q(team__members=actor)
    )
    if not holds.exists():
        raise PermissionDenied("Only a manager, the commander or operations steer an incident.")


def may_steer(actor: User, incident: Incident) -> bool:
    try:
        check_steward(actor, incident)
    except PermissionDenied:
        return False
    return True


def _check_running(incident: Incident, field: str) -> None:
    if incident.qualification == Qualification.DISMISSED or not incident.is_open:
        raise ValidationError({field: "Only an incident that is neither dismissed nor resolved."})


def incident_scope_add(
    incident: Incident,
    actor: User | None,
    *,
    services: Sequence[Service] = (),
    regions: Sequence[str] = (),
    now: datetime,
) -> int:
    """Add services and regions to a running incident (an incident of every region
    stays so). A confirmed incident's stored audience grows; when customers were
    already alerted, the newly affected contacts get the first alert, and only they.
    Returns the mails queued."""
    check_steward(actor, incident)
    _check_running(incident, "service_ids")
    errors: dict[str, str] = {}
    cleaned = clean_regions(list(regions), errors)
    raise_if(errors)
    held = set(incident.services.values_list("pk", flat=True))
    added = [s for s in services if s.pk not in held]
    new_regions = [r for r in cleaned if r not in incident.regions] if incident.regions else []
    if not added and not new_regions:
        raise ValidationError(
            {"service_ids": "Add a service or a region the incident does not cover yet."}
        )
    merged = clean_regions([*incident.regions, *new_regions], errors)
    raise_if(errors)
    incident.services.add(*added)
    if new_regions:
        incident.regions = merged
        incident.save(update_fields=["regions"])
    words = [s.name for s in added] + [f"region {r}" for r in new_regions]
    text = f"Scope widened: {', '.join(words)}."
    ids = [s.pk for s in added]
    event(incident, EventKind.SCOPE, actor, text, at=now, service_ids=ids, regions=new_regions)
    if incident.qualification != Qualification.CONFIRMED:
        return 0
    return _audience_grow(incident, actor, now, ids)


def _audience_grow(incident: Incident, actor: User | None, now: datetime, added: list[int]) -> int:
    before = AudienceContact.objects.filter(incident=incident).aggregate(top=Max("pk"))["top"]
    count_before = AudienceContact.objects.filter(incident=incident).count()
    organizations, contacts = audience_extend(incident, now.date())
    event(
        incident,
        EventKind.AUDIENCE,
        actor,
        f"{organizations} organizations, {contacts} contacts affected "
        f"({contacts - count_before} more).",
        at=now,
        organizations=organizations,
        contacts=contacts,
    )
    if incident.first_alert_at is None:
        return 0  # the first alert, when it goes, goes to the whole audience
    subject, text = rendered(TemplateKind.FIRST_ALERT, values_for(incident))
    queued = notices_send(incident, subject, text, now, subscribers=False, after=before or 0)
    if incident.is_public and added:
        # Subscribers of the added services who have had no notice of this incident yet
        # (`mailed` matches every "incident-<id>-status-<random>." Message-ID prefix).
        key = f"incident-{incident.pk}-status"
        queued += subscribers_notify(
            added, subject, text, now, key=key, incident=incident, mailed=f"{key}-%"
        )
    event(incident, EventKind.ALERT, None, f"First alert to {queued} newly affected.", at=now)
    return queued


def incident_role_set(
    incident: Incident, actor: User | None, *, role: IncidentRole, user: User, now: datetime
) -> IncidentRoleHolder:
    """Hand a role to a staff member: reminders and missed-update alerts for that role
    go to them from now on."""
    check_steward(actor, incident)
    _check_running(incident, "role")
    if not user.is_active or not user.has_perm(Perm.RUN_INCIDENTS):
        raise ValidationError({"user_id": "Choose an active member of staff who runs incidents."})
    old = incident.roles.filter(role=role).select_related("user", "team").first()
    was = (old.user or old.team) if old else None
    if old is not None and old.user_id == user.pk:
        raise ValidationError({"user_id": f"{user} already holds this role."})
    role_set(incident, role, user=user)
    text = f"{role.label}: {user}" + (f" (was {was})." if was else ".")
    event(incident, EventKind.ROLE, actor, text, at=now, role=role.value, user_id=user.pk)
    return incident.roles.get(role=role)
