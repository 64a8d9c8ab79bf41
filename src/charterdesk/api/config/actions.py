"""What is not a change of fields: publishing a draft plan, renewing a contract."""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from charterdesk.configuration.customer_kinds import CONTRACTS
from charterdesk.configuration.plan_kinds import PLANS
from charterdesk.core.validators import Id
from charterdesk.plans.models import Contract, Plan
from charterdesk.plans.renewal import contract_renew
from charterdesk.plans.versions import plan_publish

from .access import settings_manager
from .resources import as_out, out_schema

router = Router(tags=["configuration"])
PlanOut = out_schema(PLANS)
ContractOut = out_schema(CONTRACTS)


@router.post("/config/plans/{plan_id}/publish", response=PlanOut)
def publish_plan(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    """Publish a draft: it goes on the public coverage page and contracts may use it. A
    published plan is not edited in place; it changes through a new version."""
    settings_manager(request)
    with transaction.atomic(durable=True):
        plan_publish(plan=Plan.objects.select_for_update().get(pk=plan_id))
    return as_out(PLANS, PLANS.rows().get(pk=plan_id))


# A published plan's versions: versions.py.


@router.post("/config/contracts/{contract_id}/renew", response={201: ContractOut})
def renew_contract(request: HttpRequest, contract_id: Id) -> Status[dict[str, Any]]:
    """The next period of a contract, as long as this one, from the day after it ends."""
    settings_manager(request)
    with transaction.atomic(durable=True):
        contract = Contract.objects.select_for_update().get(pk=contract_id)
        renewed = contract_renew(contract=contract)
    return Status(201, as_out(CONTRACTS, CONTRACTS.rows().get(pk=renewed.pk)))
