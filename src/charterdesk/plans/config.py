"""Plans with their terms, and each organization's contracts, kept in memory per process
and read again when the configuration generation changes (core.config_cache): intake
decides coverage and SLA targets without a statement once they are warm."""

from dataclasses import dataclass
from datetime import date

from charterdesk.core import config_cache

from .models import Contract, Plan, PlanCoverage, ResponseTarget


@dataclass(frozen=True)
class PlanTerms:
    plan: Plan  # with its calendar
    coverage: dict[str, PlanCoverage]  # by request type
    minutes: dict[tuple[str, str], dict[str, int]]  # (type, priority) -> metric -> minutes


@dataclass(frozen=True)
class Contracts:
    """An organization's contracts, the newest first, with their authorized contacts."""

    contracts: tuple[Contract, ...]
    authorized: dict[int, frozenset[int]]  # contract id -> contact ids

    def active_on(self, day: date) -> Contract | None:
        for contract in self.contracts:
            if contract.starts_on <= day and (contract.ends_on is None or contract.ends_on >= day):
                return contract
        return None


def plan_terms(plan_id: int) -> PlanTerms:
    return config_cache.cached(("plan", plan_id), lambda: _plan_terms(plan_id))


def contracts_of(organization_id: int) -> Contracts:
    return config_cache.cached(("contracts", organization_id), lambda: _contracts(organization_id))


def _plan_terms(plan_id: int) -> PlanTerms:
    plan = Plan.objects.select_related("calendar").get(pk=plan_id)
    coverage = {row.request_type: row for row in PlanCoverage.objects.filter(plan_id=plan_id)}
    minutes: dict[tuple[str, str], dict[str, int]] = {}
    rows = ResponseTarget.objects.filter(plan_id=plan_id).values_list(
        "request_type", "priority", "metric", "minutes"
    )
    for request_type, priority, metric, value in rows:
        minutes.setdefault((request_type, priority), {})[metric] = value
    return PlanTerms(plan, coverage, minutes)


def _contracts(organization_id: int) -> Contracts:
    contracts = tuple(
        Contract.objects.filter(organization_id=organization_id)
        .select_related("plan", "plan__calendar")
        .order_by("-starts_on", "-id")
    )
    authorized: dict[int, set[int]] = {contract.pk: set() for contract in contracts}
    if any(contract.plan.max_authorized_contacts is not None for contract in contracts):
        through = Contract.authorized_contacts.through.objects.filter(contract_id__in=authorized)
        for contract_id, contact_id in through.values_list("contract_id", "contact_id"):
            authorized[contract_id].add(contact_id)
    return Contracts(contracts, {pk: frozenset(ids) for pk, ids in authorized.items()})
