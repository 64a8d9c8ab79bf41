"""A draft version of a demo plan with some terms changed, for tests that go through the
plans services (the settings pages have their own tests)."""

from charterdesk.plans.models import Plan, PlanVersion
from charterdesk.plans.terms import PlanTerms
from charterdesk.plans.versions import plan_version_create, plan_version_save


def draft_version(
    plan_name: str,
    *,
    targets: dict[tuple[str, str, str], int] | None = None,
    decisions: dict[str, str] | None = None,
    **fields: object,
) -> PlanVersion:
    """`targets`: (request type, priority, metric) -> minutes; `decisions`: request type
    -> decision; `fields`: the plan's own terms."""
    plan = Plan.objects.select_related("calendar").get(name=plan_name)
    version = plan_version_create(plan=plan)
    terms = PlanTerms.from_json(plan, version.terms)
    for name, value in fields.items():
        setattr(terms.plan, name, value)
    for target in terms.targets:
        cell = (target.request_type, target.priority, target.metric)
        target.minutes = (targets or {}).get(cell, target.minutes)
    for coverage in terms.coverages:
        coverage.decision = (decisions or {}).get(coverage.request_type, coverage.decision)
    return plan_version_save(version=version, terms=terms)
