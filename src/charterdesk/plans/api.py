from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from charterdesk.accounts.auth import user_of
from charterdesk.core.pagination import page_of

from .models import Contract, Plan
from .selectors import contracts_visible_to, plans_with_terms

router = Router(tags=["plans"])


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
    summary: str
    support_hours: str
    channels: list[str]
    max_authorized_contacts: int | None
    hours_included: Decimal
    professional_services_hours: Decimal
    coverage: list[CoverageRow]
    targets: list[TargetRow]


class ContractOut(Schema):
    id: int
    organization_id: int
    plan_id: int
    plan: str
    starts_on: date
    ends_on: date | None
    hours_included: Decimal
    hours_purchased: Decimal
    professional_services_hours: Decimal
    relationship_manager: str | None
    authorized_contacts: list[str]


def plan_out(plan: Plan) -> dict[str, Any]:
    return {
        **{f: getattr(plan, f) for f in ("id", "name", "slug", "summary", "channels")},
        "support_hours": plan.calendar.describe(),
        "max_authorized_contacts": plan.max_authorized_contacts,
        "hours_included": plan.hours_included,
        "professional_services_hours": plan.professional_services_hours,
        "coverage": list(plan.coverages.all()),
        "targets": list(plan.targets.all()),
    }


def contract_out(contract: Contract) -> dict[str, Any]:
    manager = contract.relationship_manager
    return {
        **{
            f: getattr(contract, f)
            for f in (
                "id",
                "organization_id",
                "plan_id",
                "starts_on",
                "ends_on",
                "hours_included",
                "hours_purchased",
                "professional_services_hours",
            )
        },
        "plan": contract.plan.name,
        "relationship_manager": manager.email if manager else None,
        "authorized_contacts": [c.email for c in contract.authorized_contacts.all()],
    }


@router.get("/plans", response=list[PlanOut])
def list_plans(request: HttpRequest) -> list[dict[str, Any]]:
    return [plan_out(p) for p in plans_with_terms()]


@router.get("/plans/{plan_id}", response=PlanOut)
def get_plan(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    return plan_out(plans_with_terms().get(pk=plan_id))


class ContractPage(Schema):
    items: list[ContractOut]
    next: str | None


@router.get("/contracts", response=ContractPage)
def list_contracts(
    request: HttpRequest,
    organization: int | None = None,
    cursor: str | None = None,
    limit: int = 25,
) -> dict[str, Any]:
    contracts = contracts_visible_to(user_of(request))
    rows, next_url = page_of(request, contracts, cursor, limit, organization_id=organization)
    return {"items": [contract_out(c) for c in rows], "next": next_url}


@router.get("/contracts/{contract_id}", response=ContractOut)
def get_contract(request: HttpRequest, contract_id: int) -> dict[str, Any]:
    return contract_out(contracts_visible_to(user_of(request)).get(pk=contract_id))
