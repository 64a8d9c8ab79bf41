from datetime import datetime, timedelta
from typing import Any

from charterdesk.core.vocabulary import Decision, Priority, RequestType
from charterdesk.customers.models import Contact
from charterdesk.plans.coverage import decide_coverage
from charterdesk.plans.coverage_matrix import target_text
from charterdesk.plans.models import Metric
from charterdesk.sla.terms import terms_of


def expectation(
    contact: Contact, request_type: str, priority: str, now: datetime
) -> dict[str, Any]:
    """Coverage and the promised first reply for a request not yet sent."""
    if request_type not in RequestType.values or priority not in Priority.values:
        return {"ready": False}
    coverage = decide_coverage(contact.organization, contact, request_type, now.date())
    context: dict[str, Any] = {"ready": True, "coverage": coverage, "Decision": Decision}
    terms = terms_of(
        coverage.contract, coverage.decision, request_type, priority, coverage.schedule
    )
    if terms is not None and coverage.schedule is not None and Metric.FIRST_REPLY in terms.minutes:
        minutes = terms.minutes[Metric.FIRST_REPLY]
        context["target"] = target_text(minutes, coverage.schedule)
        context["due"] = terms.calendar.add(now, timedelta(minutes=minutes))
    return context
