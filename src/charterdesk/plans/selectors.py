from datetime import date

from django.db.models import Prefetch, QuerySet

from charterdesk.accounts.models import User
from charterdesk.customers.models import Organization

from .models import Contract, Plan, PlanCoverage, PlanStatus, PlanVersion, ResponseTarget


def contract_active_for(organization: Organization | None, on: date) -> Contract | None:
    """The organization's contract in force on that day (the latest started wins)."""
    if organization is None:
        return None
    return (
        Contract.objects.active_on(on)
        .filter(organization=organization)
        .select_related("plan", "plan__calendar")
        .order_by("-starts_on", "-id")
        .first()
    )


def plans_with_terms() -> QuerySet[Plan]:
    """Every published plan with its coverage rows and targets, for the public page and
    the API: a draft is seen only in the settings area."""
    return all_plans_with_terms().filter(status=PlanStatus.PUBLISHED)


def plans_for_coverage_page() -> QuerySet[Plan]:
    """The published plans with the terms in effect, each with `upcoming`: its version
    published for a later day, if any (a list of at most one)."""
    upcoming = PlanVersion.objects.filter(status=PlanStatus.PUBLISHED, applied_at__isnull=True)
    return plans_with_terms().prefetch_related(
        Prefetch("versions", queryset=upcoming, to_attr="upcoming")
    )


def plan_versions(plan: Plan) -> QuerySet[PlanVersion]:
    """A plan's versions, the newest first (the settings area)."""
    return PlanVersion.objects.filter(plan=plan).select_related("plan").order_by("-number")


def all_plans_with_terms() -> QuerySet[Plan]:
    """Every plan, drafts too, with its coverage rows and targets (the settings area)."""
    return Plan.objects.select_related("calendar").prefetch_related(
        Prefetch("coverages", queryset=PlanCoverage.objects.order_by("request_type")),
        Prefetch("targets", queryset=ResponseTarget.objects.order_by("metric", "request_type")),
    )


def contracts_visible_to(user: User) -> QuerySet[Contract]:
    """Agents see every contract; a customer their organization's."""
    contracts = Contract.objects.select_related(
        "organization", "plan", "relationship_manager"
    ).prefetch_related("authorized_contacts")
    if user.is_agent:
        return contracts
    contact = getattr(user, "contact", None)
    if contact is None or contact.organization_id is None:
        return contracts.none()
    return contracts.filter(organization_id=contact.organization_id)


def contract_get_for(user: User, contract_id: int) -> Contract:
    """One contract the user may see (without its authorized contacts);
    Contract.DoesNotExist otherwise."""
    return contracts_visible_to(user).prefetch_related(None).get(pk=contract_id)


def contract_lock_for(user: User, contract_id: int) -> Contract:
    """One contract the user may see, its row locked for the caller's transaction;
    Contract.DoesNotExist otherwise."""
    contracts = contracts_visible_to(user).prefetch_related(None)
    return contracts.select_for_update(of=("self",)).get(pk=contract_id)
