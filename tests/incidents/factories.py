"""Incident test data: services, deployments, severities, and an incident confirmed."""

from datetime import datetime, timedelta
from types import SimpleNamespace

from django.utils import timezone

from charterdesk.customers.models import Organization
from charterdesk.incidents import services
from charterdesk.incidents.choices import IncidentRole
from charterdesk.incidents.models import (
    Deployment,
    Incident,
    RoleAssignment,
    Service,
    SeverityPolicy,
)


def service(name: str = "Cloud", parent: Service | None = None) -> Service:
    return Service.objects.get_or_create(name=name, defaults={"parent": parent})[0]


def deploy(organization: Organization, on: Service, region: str = "") -> Deployment:
    return Deployment.objects.get_or_create(organization=organization, service=on, region=region)[0]


def severity(level: int = 1, **policy: object) -> SeverityPolicy:
    defaults = {
        "name": {1: "Critical", 2: "Major", 3: "Minor"}.get(level, f"Level {level}"),
        "alert_customers": level < 3,
        "alert_after_minutes": 0 if level == 1 else 30,
        "max_update_interval_minutes": 60,
        "reminder_minutes": 10,
        "postmortem_business_days": 5,
        **policy,
    }
    found, _ = SeverityPolicy.objects.update_or_create(level=level, defaults=defaults)
    return found


def roles(personas: SimpleNamespace) -> None:
    """tier3 commands, tier2 communicates, by default."""
    RoleAssignment.objects.create(role=IncidentRole.COMMANDER, user=personas.tier3)
    RoleAssignment.objects.create(role=IncidentRole.COMMUNICATIONS, user=personas.tier2)


def acme_outage(
    personas: SimpleNamespace, now: datetime | None = None, *, alert: bool = True
) -> Incident:
    """Cloud is down for Acme (deployed, alice authorized), Globex uses the API only."""
    now = now or timezone.now()
    cloud = service("Cloud")
    deploy(personas.alice.contact.organization, cloud, "EU")
    deploy(personas.bob.contact.organization, service("Billing API"), "EU")
    incident = services.incident_open(
        personas.tier1, title="Cloud is down", services=[cloud], now=now
    )
    return services.incident_qualify(
        incident,
        personas.tier3,
        confirm=True,
        severity=severity(1),
        alert_customers=alert,
        next_update_at=now + timedelta(minutes=30),
        nature="Pages do not load.",
        now=now,
    )
