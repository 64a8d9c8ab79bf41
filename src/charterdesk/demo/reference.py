"""The demo's reference data: calendars, plans, teams, queues, people, organizations and
contracts. Idempotent; the test suite's personas are these same people."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from charterdesk.accounts.models import Role, User
from charterdesk.calendars import holidays_for
from charterdesk.core.vocabulary import Alternative, Decision, Priority, RequestType
from charterdesk.customers.models import (
    Contact,
    DomainVerification,
    Organization,
    OrganizationDomain,
)
from charterdesk.plans.models import (
    Contract,
    Metric,
    Plan,
    PlanCoverage,
    PlanStatus,
    ResponseTarget,
    Schedule,
    SlaAction,
)
from charterdesk.routing.models import Queue, Team
from charterdesk.sla.models import Calendar

PASSWORD = "charterdesk-demo"  # noqa: S105 - the documented demo password
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")

STAFF = {
    "tier1@charterdesk.example": ("Sam Rivera", Role.AGENT, 1),
    "tier2@charterdesk.example": ("Priya Natarajan", Role.AGENT, 2),
    "tier3@charterdesk.example": ("Jonas Berg", Role.AGENT, 3),
    "manager@charterdesk.example": ("Morgan Lee", Role.MANAGER, 2),
    "admin@charterdesk.example": ("Ada Quinn", Role.ADMIN, None),
}
CUSTOMERS = {  # organization, plan, domain, contacts: (email, name, signs in, authorized)
    "Acme Corp": (
        "Gold",
        "acme.example",
        [
            ("alice@acme.example", "Alice Archer", True, True),
            ("wile@acme.example", "Wile Coyote", False, True),
        ],
    ),
    "Globex": ("Silver", "globex.example", [("bob@globex.example", "Bob Baker", True, True)]),
    "Initech": (
        "Bronze",
        "initech.example",
        [
            ("carol@initech.example", "Carol Chen", True, True),
            ("milton@initech.example", "Milton Waddams", False, False),
        ],
    ),
}

D, E, H, C = RequestType.DOWNTIME, RequestType.ERROR, RequestType.HOW_TO, RequestType.CONSULTING
INC, MET, BIL = Decision.INCLUDED, Decision.METERED, Decision.BILLABLE
ALWAYS, BUSINESS = Schedule.ALWAYS, Schedule.BUSINESS
# plan: summary, cap, hours, PS hours, channels, {type: (decision, schedule, minutes by
# priority urgent/high/normal/low)}
PLANS = {
    "Gold": (
        "Around-the-clock care for business-critical use.",
        None,
        40,
        16,
        ["portal", "email", "phone", "chat", "api"],
        {
            D: (INC, ALWAYS, (30, 60, 120, 240)),
            E: (INC, BUSINESS, (60, 120, 240, 480)),
            H: (INC, BUSINESS, (120, 240, 480, 960)),
            C: (BIL, BUSINESS, (480, 480, 960, 960)),
        },
    ),
    "Silver": (
        "Production support with 24×7 cover for outages.",
        None,
        20,
        0,
        ["portal", "email", "phone", "api"],
        {
            D: (INC, ALWAYS, (60, 120, 240, 480)),
            E: (INC, BUSINESS, (120, 240, 480, 960)),
            H: (INC, BUSINESS, (240, 480, 960, 1920)),
            C: (BIL, BUSINESS, (960, 960, 1440, 1440)),
        },
    ),
    "Bronze": (
        "Business-hours support for smaller teams.",
        3,
        10,
        0,
        ["portal", "email"],
        {
            D: (INC, BUSINESS, (120, 240, 480, 960)),
            E: (INC, BUSINESS, (240, 480, 960, 1920)),
            H: (MET, BUSINESS, (480, 960, 1920, 2400)),
            C: (BIL, BUSINESS, (2400, 2400, 2400, 2400)),
        },
    ),
}


# Other targets derived from the first reply: next reply as fast, an update at least every
# two first-reply spans, resolution within eight.
TARGET_SCALE = {
    Metric.FIRST_REPLY: lambda m: m,
    Metric.NEXT_REPLY: lambda m: m,
    Metric.PERIODIC_UPDATE: lambda m: max(60, 2 * m),
    Metric.RESOLUTION: lambda m: 8 * m,
}


@dataclass
class Reference:
    plans: dict[str, Plan]
    organizations: dict[str, Organization]
    users: dict[str, User]


def build_reference() -> Reference:
    calendar = _calendar()
    plans = {name: _plan(name, position, calendar) for position, name in enumerate(PLANS)}
    users = {email: _staff(email, *spec) for email, spec in STAFF.items()}
    _teams(users)
    organizations = {}
    for org_name, (plan_name, domain, contacts) in CUSTOMERS.items():
        org, _ = Organization.objects.get_or_create(
            name=org_name, defaults={"relationship_manager": users["manager@charterdesk.example"]}
        )
        _verified_domain(org, domain)
        contract = _contract(org, plans[plan_name], users["manager@charterdesk.example"])
        for email, name, signs_in, authorized in contacts:
            contact = _contact(org, email, name, signs_in)
            if contact.user:
                users[email] = contact.user
            if authorized:
                contract.authorized_contacts.add(contact)
        organizations[org_name] = org
    return Reference(plans, organizations, users)


def _calendar() -> Calendar:
    this_year = timezone.localdate().year
    holidays = holidays_for("GB", subdiv="ENG", years=range(this_year - 2, this_year + 5))
    calendar, _ = Calendar.objects.update_or_create(
        name="London business hours",
        defaults={
            "timezone": "Europe/London",
            "hours": {day: [["09:00", "17:30"]] for day in WEEKDAYS},
            "holidays": [d.isoformat() for d in holidays],
        },
    )
    Calendar.objects.get_or_create(name="24×7", defaults={"always_open": True})
    return calendar


def _plan(name: str, position: int, calendar: Calendar) -> Plan:
    summary, cap, hours, ps_hours, channels, coverage = PLANS[name]
    plan, created = Plan.objects.get_or_create(
        name=name,
        defaults={
            "slug": name.lower(),
            "status": PlanStatus.PUBLISHED,
            "summary": summary,
            "position": position,
            "calendar": calendar,
            "channels": channels,
            "max_authorized_contacts": cap,
            "hours_included": Decimal(hours),
            "professional_services_hours": Decimal(ps_hours),
            "sla_warning_actions": [SlaAction.NOTIFY_ASSIGNEE],
            "sla_breach_actions": [SlaAction.NOTIFY_ASSIGNEE, SlaAction.NOTIFY_TEAM_LEAD],
        },
    )
    if not created:
        return plan  # managers may have edited it: leave their terms alone
    for kind, (decision, schedule, minutes) in coverage.items():
        alternative = Alternative.KNOWLEDGE_BASE if decision == BIL else Alternative.NONE
        PlanCoverage.objects.create(
            plan=plan,
            request_type=kind,
            decision=decision,
            schedule=schedule,
            alternative=alternative,
        )
        ResponseTarget.objects.bulk_create(
            ResponseTarget(
                plan=plan, request_type=kind, priority=priority, metric=metric, minutes=scale(m)
            )
            for priority, m in zip(Priority, minutes, strict=True)
            for metric, scale in TARGET_SCALE.items()
        )
    return plan


def _staff(email: str, name: str, role: Role, tier: int | None) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, PASSWORD, name=name, role=role, tier=tier, is_superuser=role == Role.ADMIN
        )
    return user


def _teams(users: dict[str, User]) -> None:
    manager = users["manager@charterdesk.example"]
    frontline, _ = Team.objects.get_or_create(name="Frontline", defaults={"lead": manager})
    frontline.members.add(users["tier1@charterdesk.example"], manager)
    engineering, _ = Team.objects.get_or_create(name="Engineering", defaults={"lead": manager})
    engineering.members.add(users["tier2@charterdesk.example"], users["tier3@charterdesk.example"])
    queues = [
        ("Frontline", frontline, 1, [H, E], True),
        ("Incidents", engineering, 2, [D], False),
        ("Professional services", engineering, 2, [C], False),
        ("Engineering", engineering, 3, [], False),
        ("Triage", frontline, 1, [], False),  # mail from unknown senders (MAIL_TRIAGE_QUEUE)
    ]
    for position, (name, team, tier, kinds, default) in enumerate(queues):
        Queue.objects.get_or_create(
            name=name,
            defaults={
                "team": team,
                "tier": tier,
                "request_types": kinds,
                "position": position,
                "is_default": default,
            },
        )


def _contract(org: Organization, plan: Plan, manager: User) -> Contract:
    today = timezone.localdate()
    contract = Contract.objects.filter(organization=org).first()
    if contract is None:
        contract = Contract.objects.create(
            organization=org,
            plan=plan,
            starts_on=date(today.year, 1, 1),
            ends_on=date(today.year + 1, 12, 31),
            hours_included=plan.hours_included,
            professional_services_hours=plan.professional_services_hours,
            relationship_manager=manager,
        )
    return contract


def _contact(org: Organization, email: str, name: str, signs_in: bool) -> Contact:
    contact, _ = Contact.objects.get_or_create(
        email=email, defaults={"organization": org, "name": name}
    )
    if signs_in and contact.user is None:
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, PASSWORD, name=name, role=Role.CUSTOMER
        )
        contact.user = user
        contact.save(update_fields=["user"])
    return contact


def _verified_domain(organization: Organization, domain: str) -> None:
    OrganizationDomain.objects.get_or_create(
        domain=domain,
        defaults={
            "organization": organization,
            "verified_at": timezone.now(),
            "verified_by": DomainVerification.DNS,
        },
    )
