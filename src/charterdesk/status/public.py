"""What the public status page shows, and nothing else: public services, confirmed
public incidents with their public updates, public maintenance.

Component statuses are statuspage.io's words: an open incident's impact sets the state of
its services (critical: major outage, major: partial outage, minor: degraded performance),
maintenance in progress or verifying puts them under maintenance, unless an incident is
worse."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet

from charterdesk.incidents.choices import (
    OPEN_STATUSES,
    Impact,
    MaintenanceStatus,
    Qualification,
)
from charterdesk.incidents.models import Incident, IncidentUpdate, Maintenance, Service

OPERATIONAL = "operational"
DEGRADED = "degraded_performance"
PARTIAL = "partial_outage"
MAJOR = "major_outage"
UNDER_MAINTENANCE = "under_maintenance"

#: component status by an incident's impact
BY_IMPACT = {Impact.NONE: OPERATIONAL, Impact.MINOR: DEGRADED, Impact.MAJOR: PARTIAL}
BY_IMPACT[Impact.CRITICAL] = MAJOR
#: worse last; under maintenance is worse than operational, better than any trouble
RANK = {OPERATIONAL: 0, UNDER_MAINTENANCE: 1, DEGRADED: 2, PARTIAL: 3, MAJOR: 4}
LABEL = {
    OPERATIONAL: "Operational",
    UNDER_MAINTENANCE: "Under maintenance",
    DEGRADED: "Degraded performance",
    PARTIAL: "Partial outage",
    MAJOR: "Major outage",
}
#: page indicator by the worst open impact
INDICATOR = {
    "none": "All Systems Operational",
    "minor": "Minor Service Outage",
    "major": "Partial System Outage",
    "critical": "Major System Outage",
    "maintenance": "Service Under Maintenance",
}
IMPACT_RANK = {Impact.NONE: 0, Impact.MINOR: 1, Impact.MAJOR: 2, Impact.CRITICAL: 3}
ACTIVE_MAINTENANCE = (MaintenanceStatus.IN_PROGRESS, MaintenanceStatus.VERIFYING)


def public_services() -> QuerySet[Service]:
    return Service.objects.in_use().filter(is_public=True).order_by("position", "name")


def public_incidents() -> QuerySet[Incident]:
    updates = IncidentUpdate.objects.filter(is_public=True).order_by("-created_at", "-id")
    return (
        Incident.objects.filter(is_public=True, qualification=Qualification.CONFIRMED)
        .prefetch_related(
            Prefetch("updates", queryset=updates, to_attr="public_updates"),
            Prefetch("services", queryset=public_services(), to_attr="public_services"),
        )
        .order_by("-started_at", "-id")
    )


def open_public_incidents() -> QuerySet[Incident]:
    return public_incidents().filter(status__in=OPEN_STATUSES)


def public_maintenance() -> QuerySet[Maintenance]:
    return Maintenance.objects.filter(is_public=True).prefetch_related(
        Prefetch("services", queryset=public_services(), to_attr="public_services")
    )


def listed_maintenance() -> QuerySet[Maintenance]:
    """What the JSON lists: a cancelled window is gone (Statuspage has no such state);
    the iCalendar feed keeps it, marked cancelled, so calendars drop it."""
    return public_maintenance().exclude(status=MaintenanceStatus.CANCELLED)


def upcoming_maintenance() -> QuerySet[Maintenance]:
    return public_maintenance().filter(status=MaintenanceStatus.SCHEDULED).order_by("starts_at")


def active_maintenance() -> QuerySet[Maintenance]:
    return public_maintenance().filter(status__in=ACTIVE_MAINTENANCE).order_by("starts_at")


def updates_of(incident: Incident) -> list[IncidentUpdate]:
    """The public updates prefetched by `public_incidents`, newest first."""
    return incident.public_updates  # type: ignore[attr-defined,no-any-return]


def services_of(item: Incident | Maintenance) -> list[Service]:
    """The public services prefetched by `public_incidents` or `public_maintenance`."""
    return item.public_services  # type: ignore[union-attr,no-any-return]


@dataclass
class Component:
    service: Service
    status: str = OPERATIONAL
    parts: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        return LABEL[self.status]


def _worsen(components: dict[int, Component], service_ids: Iterable[int], status: str) -> None:
    for service_id in service_ids:
        found = components.get(service_id)
        if found is not None and RANK[status] > RANK[found.status]:
            found.status = status


def components_now(
    services: list[Service], incidents: list[Incident], maintenances: list[Maintenance]
) -> list[Component]:
    """Each public service's current status; a group (a service with parts) shows the worst
    of its own and its parts'."""
    components = {s.pk: Component(s) for s in services}
    for maintenance in maintenances:
        _worsen(components, (s.pk for s in services_of(maintenance)), UNDER_MAINTENANCE)
    for incident in incidents:
        status = BY_IMPACT[Impact(incident.impact)]
        _worsen(components, (s.pk for s in services_of(incident)), status)
    for component in components.values():
        parent = component.service.parent_id
        if parent in components:
            components[parent].parts.append(component.service.pk)
    for component in components.values():
        for part in component.parts:
            _worsen(components, [component.service.pk], components[part].status)
    return list(components.values())


def indicator(incidents: list[Incident], maintenances: list[Maintenance]) -> tuple[str, str]:
    """statuspage.io's page status: {indicator, description}."""
    worst = max((IMPACT_RANK[Impact(i.impact)] for i in incidents), default=0)
    if worst:
        name = [k for k, v in IMPACT_RANK.items() if v == worst][0].value
        return name, INDICATOR[name]
    if maintenances:
        return "maintenance", INDICATOR["maintenance"]
    return "none", INDICATOR["none"]


def last_change(incidents: list[Incident], maintenances: list[Maintenance]) -> datetime | None:
    moments: list[datetime] = []
    for incident in incidents:
        moments.append(incident.resolved_at or incident.started_at)
        moments.extend(u.created_at for u in updates_of(incident))
    for maintenance in maintenances:
        moments.append(maintenance.created_at)
    return max(moments, default=None)


def recent_incidents(since: datetime) -> QuerySet[Incident]:
    """Open ones and those resolved since `since`, for the page and the incidents list."""
    return public_incidents().filter(
        Q(status__in=OPEN_STATUSES) | Q(resolved_at__gte=since) | Q(started_at__gte=since)
    )
