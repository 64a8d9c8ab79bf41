from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router

from charterdesk.accounts.auth import user_of
from charterdesk.core.pagination import Cursor, Limit, page_of
from charterdesk.core.validators import Id

from .models import Contract, Plan
from .schemas import ContractOut, ContractPage, PlanOut
from .selectors import contracts_visible_to, plans_with_terms

router = Router(tags=["plans"])


@router.get("/plans", response=list[PlanOut])
def list_plans(request: HttpRequest) -> QuerySet[Plan]:
    return plans_with_terms()


@router.get("/plans/{plan_id}", response=PlanOut)
def get_plan(request: HttpRequest, plan_id: Id) -> Plan:
    return plans_with_terms().get(pk=plan_id)


@router.get("/contracts", response=ContractPage)
def list_contracts(
    request: HttpRequest,
    organization: Id | None = None,
    cursor: Cursor | None = None,
    limit: Limit = 25,
) -> dict[str, Any]:
    contracts = contracts_visible_to(user_of(request))
    rows, next_url = page_of(request, contracts, cursor, limit, organization_id=organization)
    return {"items": rows, "next": next_url}


@router.get("/contracts/{contract_id}", response=ContractOut)
def get_contract(request: HttpRequest, contract_id: Id) -> Contract:
    return contracts_visible_to(user_of(request)).get(pk=contract_id)
