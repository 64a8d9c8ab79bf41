from datetime import datetime
from typing import Any

from charterdesk.core.vocabulary import Decision, Priority, RequestType
from charterdesk.customers.models import Contact
from charterdesk.plans.coverage import decide_coverage
from charterdesk.plans.models import Metric, ResponseTarget
from charterdesk.plans.terms import target_text
from charterdesk.tickets import deadlines


def expectation(
    contact: Contact, request_type: str, priority: str, now: datetime
) -> dict[str, Any]:
    """Coverage and the promised first reply for a request not yet sent."""
    if request_type not in RequestType.values or priority not in Priority.values:
        return {"ready": False}
    coverage = decide_coverage(contact.organization, contact, request_type, now.date())
    context: dict[str, Any] = {"ready": True, "coverage": coverage, "Decision": Decision}
    if coverage.contract is None or coverage.decision == Decision.NOT_COVERED:
        return context
    target = ResponseTarget.objects.filter(
        plan_id=coverage.contract.plan_id,
        request_type=request_type,
        priority=priority,
        metric=Metric.FIRST_REPLY,
    ).first()
    if target is not None and coverage.schedule is not None:
        context["target"] = target_text(target.minutes, coverage.schedule)
        context["due"] = deadlines.first_reply_due(
            coverage.contract, coverage.decision, request_type, priority, now
        )
    return context
