"""One item of each kind, as the export file holds it and the configuration API takes it.
References name other rows by their natural key. Types are checked here; every rule about
values is the model's (`full_clean`), so the pages, the admin, the API and an import
refuse the same values with the same words."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field


def _cents(value: Decimal | None) -> Decimal | None:
    """Two decimal places, so 10, 10.0 and 10.00 are one value in a file."""
    if value is None:  # a change (PATCH) that leaves the amount out
        return None
    try:
        return value.quantize(Decimal("0.01"))
    except InvalidOperation:  # too many digits: the model refuses it with its own words
        return value


# Bounds a client (and the OpenAPI document) knows; within them the model's rules apply.
Money = Annotated[Decimal, Field(ge=-(10**12), le=10**12), AfterValidator(_cents)]
Int = Annotated[int, Field(ge=-(2**31), le=2**31 - 1)]
Text = Annotated[str, Field(max_length=10_000)]
Names = Annotated[list[Text], Field(max_length=1_000)]


class Item(Schema):
    model_config = ConfigDict(extra="forbid")


class CalendarItem(Item):
    name: Text
    timezone: Text = "UTC"
    hours: dict[str, Any] = Field(default_factory=dict)
    holidays: list[Any] = Field(default_factory=list)
    always_open: bool = False


class CoverageItem(Item):
    request_type: Text
    decision: Text
    schedule: Text = "business"
    alternative: Text = ""
    note: Text = ""


class TargetItem(Item):
    request_type: Text
    priority: Text
    metric: Text = "first_reply"
    minutes: Int


class PlanItem(Item):
    name: Text
    slug: Text = ""
    summary: Text = ""
    status: Text = "draft"
    position: Int = 0
    calendar: Text
    channels: Names = Field(default_factory=lambda: ["portal", "email"])
    max_authorized_contacts: Int | None = None
    hours_included: Money = Decimal(0)
    professional_services_hours: Money = Decimal(0)
    overage_policy: Text = "serve_and_bill"
    currency: Text = "EUR"
    reopen_days: Int = 7
    consulting_rate: Money = Decimal(0)
    escalation_requests_per_month: Int | None = None
    survey_delay_hours: Int = 24
    survey_change_days: Int = 14
    sla_warn_minutes: Int = 30
    sla_warn_percent: Int | None = None
    sla_pause_on_hold: bool = True
    incident_rule: Text = "pause_first_reply"
    sla_warning_actions: Names = Field(default_factory=list)
    sla_breach_actions: Names = Field(default_factory=list)
    coverage: Annotated[list[CoverageItem], Field(max_length=100)] = Field(default_factory=list)
    targets: Annotated[list[TargetItem], Field(max_length=1_000)] = Field(default_factory=list)


class AgentItem(Item):
    email: Text
    name: Text = ""
    role: Text = "agent"
    tier: Int | None = None
    is_active: bool = True
    skills: Names = Field(default_factory=list)
    languages: Names = Field(default_factory=list)
    calendar: Text | None = None
    capacity: Int = 25


class TeamItem(Item):
    name: Text
    lead: Text | None = None
    members: Names = Field(default_factory=list)
    hands_over_to: Text | None = None


class QueueItem(Item):
    name: Text
    team: Text
    tier: Int = 1
    request_types: Names = Field(default_factory=list)
    language: Text = ""
    region: Text = ""
    product: Text = ""
    position: Int = 0
    work_mode: Text = "tiered"
    assignment: Text = "manual"
    skills: Names = Field(default_factory=list)
    is_default: bool = False


class OrganizationItem(Item):
    name: Text
    domains: Names = Field(default_factory=list)
    language: Text = ""
    region: Text = ""
    is_partner: bool = False
    relationship_manager: Text | None = None  # a staff member's e-mail


class ContactItem(Item):
    email: Text
    name: Text = ""
    organization: Text | None = None
    time_zone: Text = ""
    mail_surveys: bool = True
    mail_statements: bool = True
    mail_promises: bool = True
    mail_escalation_receipts: bool = True
    mail_estimates: bool = True


class ContractItem(Item):
    organization: Text
    plan: Text  # the plan's slug
    starts_on: date
    ends_on: date | None = None
    hours_included: Money = Decimal(0)
    professional_services_hours: Money = Decimal(0)
    relationship_manager: Text | None = None
    authorized_contacts: Names = Field(default_factory=list)
    administrators: Names = Field(default_factory=list)


class MailboxItem(Item):
    name: Text
    host: Text
    port: Int = 993
    tls: Text = "imaps"
    username: Text
    # Write-only: never exported nor returned; left out, the saved password is kept.
    password: Text | None = Field(default=None, exclude=True)
    password_env: Text = ""
    folder: Text = "INBOX"
    after_storing: Text = "mark_seen"
    move_to: Text = ""
    enabled: bool = True
    queue: Text | None = None  # the queue's name; None: the routing rules decide
    plan: Text | None = None  # a published plan's slug


class CustomFieldItem(Item):
    key: Text
    label: Text
    kind: Text = "text"
    options: Names = Field(default_factory=list)
    required_to_solve: bool = False
    visible_to_customers: bool = False
    position: Int = 0
    active: bool = True


class PlanVersionItem(Item):
    """A plan's version waiting to take effect (a draft, or published for a later day);
    versions already applied are the plan's history, not settings, and stay where they
    are."""

    plan: Text  # the plan's slug
    status: Text = "draft"
    effective_from: date | None = None
    clocks: Text = "keep"
    terms: dict[str, Any] = Field(default_factory=dict)  # as a plan item, see plan_versions
