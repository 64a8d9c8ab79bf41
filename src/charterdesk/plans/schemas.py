from datetime import date
from decimal import Decimal

from ninja import Field, Schema

from .models import Contract, Plan


class CoverageRow(Schema):
    request_type: str
    decision: str
    schedule: str
    alternative: str
    note: str


class TargetRow(Schema):
    request_type: str
    priority: str
    metric: str
    minutes: int


class PlanOut(Schema):
    id: int
    name: str
    slug: str
    version: int = Field(description="The number of the plan's version in effect.")
    summary: str
    support_hours: str
    channels: list[str]
    max_authorized_contacts: int | None
    hours_included: Decimal
    professional_services_hours: Decimal
    coverage: list[CoverageRow] = Field(validation_alias="coverages")
    targets: list[TargetRow]

    @staticmethod
    def resolve_support_hours(plan: Plan) -> str:
        return plan.calendar.describe()


class ContractOut(Schema):
    id: int
    organization_id: int
    plan_id: int
    plan: str = Field(validation_alias="plan.name")
    starts_on: date
    ends_on: date | None
    hours_included: Decimal
    hours_purchased: Decimal
    professional_services_hours: Decimal
    relationship_manager: str | None
    authorized_contacts: list[str]

    @staticmethod
    def resolve_relationship_manager(contract: Contract) -> str | None:
        manager = contract.relationship_manager
        return manager.email if manager else None

    @staticmethod
    def resolve_authorized_contacts(contract: Contract) -> list[str]:
        return [c.email for c in contract.authorized_contacts.all()]


class ContractPage(Schema):
    items: list[ContractOut]
    next: str | None
