"""Coverage: the decision, at intake, of what a customer's plan gives one request."""

from dataclasses import dataclass
from datetime import date

from charterdesk.core.vocabulary import Alternative, Decision, RequestType, hours_text
from charterdesk.customers.models import Contact, Organization

from .config import contracts_of, plan_terms
from .models import Contract, Schedule


@dataclass(frozen=True)
class CoverageDecision:
    decision: Decision
    reason: str
    alternative: Alternative = Alternative.NONE
    contract: Contract | None = None
    schedule: Schedule | None = None


REASONS = {
    Decision.INCLUDED: "{type} requests are included in the {plan} plan{hours}.",
    Decision.METERED: "{type} requests are covered by the {plan} plan and draw on "
    "your contract's hours bank{hours}.",
    Decision.BILLABLE: "{type} requests are professional services under the {plan} plan: "
    "we send an estimate for your approval before work starts.",
    Decision.NOT_COVERED: "{type} requests are not covered by the {plan} plan.",
}


def decide_coverage(
    organization: Organization | None, contact: Contact, request_type: str, on: date
) -> CoverageDecision:
    """Decide coverage from the organization's active contract and its plan (both read
    from the per-process configuration cache: no statement once warm)."""
    label = RequestType(request_type).label
    held = contracts_of(organization.pk) if organization is not None else None
    contract = held.active_on(on) if held is not None else None
    if contract is None or held is None:
        who = organization.name if organization else contact.email
        return CoverageDecision(
            Decision.NOT_COVERED,
            f"{who} has no active support contract, so this request is not covered.",
            Alternative.OFFER,
        )
    plan = contract.plan
    if plan.max_authorized_contacts is not None and contact.pk not in held.authorized.get(
        contract.pk, frozenset()
    ):
        return CoverageDecision(
            Decision.NOT_COVERED,
            f"{contact.email} is not an authorized contact under the {plan.name} plan, which "
            "limits who may open requests.",
            Alternative.AUTHORIZED_CONTACT,
            contract,
        )
    row = plan_terms(plan.pk).coverage.get(request_type)
    if row is None:
        return CoverageDecision(
            Decision.NOT_COVERED,
            REASONS[Decision.NOT_COVERED].format(type=label, plan=plan.name),
            Alternative.KNOWLEDGE_BASE,
            contract,
        )
    hours = ", 24×7" if row.schedule == Schedule.ALWAYS else ", in business hours"
    reason = REASONS[Decision(row.decision)].format(type=label, plan=plan.name, hours=hours)
    if row.decision == Decision.BILLABLE and contract.professional_services_hours:
        reason += (
            f" Your contract includes {hours_text(contract.professional_services_hours)} hours of "
            "professional services, used first."
        )
    if row.note:
        reason += f" {row.note}"
    return CoverageDecision(
        Decision(row.decision),
        reason,
        Alternative(row.alternative),
        contract,
        Schedule(row.schedule),
    )
