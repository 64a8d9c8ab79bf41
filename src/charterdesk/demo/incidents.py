"""Demo incidents: services and deployments, severity policies and roles, a resolved
incident with its post-mortem sent, and one in progress with its next update due."""

from datetime import datetime, timedelta

from charterdesk.demo.reference import Reference
from charterdesk.incidents import services
from charterdesk.incidents.choices import IncidentRole
from charterdesk.incidents.models import (
    Deployment,
    Incident,
    RoleAssignment,
    Service,
    SeverityPolicy,
)
from charterdesk.tickets.models import Ticket

T1, T2, T3 = "tier1@charterdesk.example", "tier2@charterdesk.example", "tier3@charterdesk.example"
MANAGER = "manager@charterdesk.example"

# level: name, alert customers, after minutes, max minutes between updates, post-mortem days
SEVERITIES = {
    1: ("Critical", True, 0, 30, 3),
    2: ("Major", True, 15, 60, 5),
    3: ("Minor", False, 30, 120, 10),
}
# service: parent
SERVICES = {"Cloud": None, "Cloud API": "Cloud", "Checkout": "Cloud", "Analytics": None}
DEPLOYMENTS = [
    ("Acme Corp", "Cloud", "EU"),
    ("Globex", "Cloud", "US"),
    ("Initech", "Analytics", "EU"),
]
ROLES = {
    IncidentRole.COMMANDER: T3,
    IncidentRole.COMMUNICATIONS: T2,
    IncidentRole.OPERATIONS: T3,
    IncidentRole.SCRIBE: T1,
}
RESOLVED = "Analytics dashboards show stale data"
ONGOING = "Checkout returns errors in the EU"


def _setup(ref: Reference) -> None:
    for level, (name, alert, after, interval, days) in SEVERITIES.items():
        SeverityPolicy.objects.get_or_create(
            level=level,
            defaults={
                "name": name,
                "alert_customers": alert,
                "alert_after_minutes": after,
                "max_update_interval_minutes": interval,
                "postmortem_business_days": days,
            },
        )
    for name, parent in SERVICES.items():
        above = Service.objects.get(name=parent) if parent else None
        Service.objects.get_or_create(name=name, defaults={"parent": above})
    for org, service, region in DEPLOYMENTS:
        Deployment.objects.get_or_create(
            organization=ref.organizations[org],
            service=Service.objects.get(name=service),
            region=region,
        )
    for role, email in ROLES.items():
        if not RoleAssignment.objects.filter(role=role, service=None, severity=None).exists():
            RoleAssignment.objects.create(role=role, user=ref.users[email])


def add_demo(ref: Reference, now: datetime) -> None:
    """Create what is missing (the demo command runs again and again)."""
    _setup(ref)
    if not Incident.objects.filter(title=RESOLVED).exists():
        _resolved(ref, now - timedelta(days=3))
    if not Incident.objects.filter(title=ONGOING).exists():
        _ongoing(ref, now)


def _resolved(ref: Reference, start: datetime) -> None:
    users = ref.users
    incident = services.incident_open(
        users[T1],
        title=RESOLVED,
        services=[Service.objects.get(name="Analytics")],
        now=start + timedelta(minutes=12),
        started_at=start,
    )
    at = start + timedelta(minutes=20)
    services.incident_qualify(
        incident,
        users[T3],
        confirm=True,
        severity=SeverityPolicy.objects.get(level=2),
        impact="minor",
        nature="Dashboards show data up to 06:00 only; nothing is lost.",
        next_update_at=at + timedelta(minutes=45),
        now=at,
    )
    services.incident_post_update(
        incident,
        users[T2],
        status="identified",
        now=at + timedelta(minutes=40),
        message="A stuck import job; we are restarting it and replaying the queue.",
        next_update_at=at + timedelta(minutes=100),
    )
    done = at + timedelta(minutes=95)
    services.incident_resolve(
        incident,
        users[T3],
        now=done,
        data_lost=False,
        message="The import replayed; dashboards are current again. No data was lost.",
    )
    report = incident.postmortem
    later = done + timedelta(days=1)
    services.postmortem_save(
        report,
        users[T3],
        later,
        root_cause="change",
        root_cause_detail="A schema change locked the import table.",
        internal_report="Migration 0412 took an exclusive lock for 90 minutes; the import "
        "job waited and its alert was muted. Detection came from customers.",
        customer_version="On Monday, analytics dashboards showed data up to 06:00 for about "
        "two hours. A database change blocked the import; we replayed it and no data was "
        "lost. We now run such changes in smaller steps and alert on import delays.",
    )
    services.action_add(
        report,
        users[T3],
        text="Alert when the import is 15 minutes behind",
        owner=users[T3],
        due_on=later.date() + timedelta(days=7),
    )
    services.action_add(
        report,
        users[T3],
        text="Run schema changes in batches with a lock timeout",
        owner=users[T2],
        due_on=later.date() + timedelta(days=14),
    )
    services.postmortem_approve(report, users[MANAGER], later)
    services.postmortem_send(report, users[MANAGER], later + timedelta(minutes=5))


def _ongoing(ref: Reference, now: datetime) -> None:
    users = ref.users
    start = now - timedelta(minutes=40)
    incident = services.incident_open(
        users[T1],
        title=ONGOING,
        services=[Service.objects.get(name="Checkout")],
        regions=["EU"],
        now=start + timedelta(minutes=4),
        started_at=start,
    )
    at = start + timedelta(minutes=10)
    services.incident_qualify(
        incident,
        users[T3],
        confirm=True,
        severity=SeverityPolicy.objects.get(level=1),
        impact="major",
        is_public=True,
        nature="Payments at checkout fail with error 502 for customers in the EU.",
        next_update_at=at + timedelta(minutes=25),
        now=at,
    )
    services.incident_post_update(
        incident,
        users[T2],
        status="identified",
        now=now - timedelta(minutes=10),
        message="A faulty payment gateway node; traffic is moving to the healthy ones.",
        next_update_at=now + timedelta(minutes=20),
    )
    ticket = Ticket.objects.filter(subject="Checkout returns 502 for all EU customers").first()
    if ticket is not None:
        services.ticket_link(incident, ticket, users[T2], now, automatic=False)
