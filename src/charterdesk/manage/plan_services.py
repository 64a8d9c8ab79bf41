"""Plans in the settings area: a new plan (empty or copied from another). Saving terms,
publishing and versions are plans' own services (plans.terms, plans.versions), shared
with the API. The caller owns the transaction."""

from django.db.models import Max
from django.utils.text import slugify

from charterdesk.core.vocabulary import Channel
from charterdesk.plans.models import Plan, PlanStatus, ResponseTarget
from charterdesk.sla.models import Calendar


def plan_create(*, name: str, copy_from: Plan | None, calendar: Calendar | None) -> Plan:
    """A new draft: a copy of `copy_from`'s terms and targets, or an empty plan."""
    position = (Plan.objects.aggregate(last=Max("position"))["last"] or 0) + 1
    if copy_from is None:
        assert calendar is not None  # noqa: S101 - the form asks for one
        plan = Plan(calendar=calendar, channels=[Channel.PORTAL, Channel.EMAIL])
    else:
        plan = Plan.objects.get(pk=copy_from.pk)
        plan.pk = None
    plan.name, plan.slug, plan.position = name, slugify(name), position
    plan.status, plan.published_at, plan.version = PlanStatus.DRAFT, None, 1
    plan.save()
    if copy_from is not None:
        _copy_terms(copy_from, plan)
    return plan


def _copy_terms(source: Plan, plan: Plan) -> None:
    for coverage in source.coverages.all():
        coverage.pk, coverage.plan = None, plan
        coverage.save()
    targets = list(source.targets.all())
    for target in targets:
        target.pk, target.plan = None, plan
        target.full_clean(validate_unique=False, validate_constraints=False)
    ResponseTarget.objects.bulk_create(targets)
