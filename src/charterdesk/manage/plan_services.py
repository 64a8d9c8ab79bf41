"""Plans in the settings area: a new plan (empty or copied from another), its terms saved
as a whole, publishing. The caller owns the transaction."""

from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from charterdesk.core.vocabulary import Channel, Priority, RequestType
from charterdesk.plans.models import Metric, Plan, PlanCoverage, PlanStatus, ResponseTarget
from charterdesk.sla.models import Calendar

from .plan_forms import coverage_field, target_field


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
    plan.status, plan.published_at = PlanStatus.DRAFT, None
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


def plan_terms_save(*, plan: Plan, data: dict[str, Any]) -> None:
    """Replace the plan's coverage rows and targets with the matrices' cells; an empty
    target cell means no target."""
    for kind in RequestType.values:
        PlanCoverage.objects.update_or_create(
            plan=plan,
            request_type=kind,
            defaults={
                part: data.get(coverage_field(kind, part)) or ""
                for part in ("decision", "schedule", "alternative", "note")
            },
        )
    existing = {(t.request_type, t.priority, t.metric): t for t in plan.targets.all()}
    for kind in RequestType.values:
        for priority in Priority.values:
            for metric in Metric.values:
                minutes = data.get(target_field(kind, priority, metric))
                _target_set(
                    plan, existing.get((kind, priority, metric)), (kind, priority, metric), minutes
                )


def _target_set(
    plan: Plan, target: ResponseTarget | None, cell: tuple[str, str, str], minutes: int | None
) -> None:
    """One cell: only what changed is written (and so in the audit log)."""
    if target is not None and not minutes:
        target.delete()
    elif target is not None and target.minutes != minutes:
        target.minutes = minutes  # type: ignore[assignment]
        target.save()
    elif target is None and minutes:
        kind, priority, metric = cell
        ResponseTarget.objects.create(
            plan=plan, request_type=kind, priority=priority, metric=metric, minutes=minutes
        )


def plan_publish(*, plan: Plan) -> Plan:
    """The draft goes on the coverage page and can be sold."""
    plan.status, plan.published_at = PlanStatus.PUBLISHED, timezone.now()
    plan.save()
    return plan
