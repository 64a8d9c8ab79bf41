"""Calendars and plans as data. A plan is written as a whole (terms, coverage, targets)
while it is a draft; a published plan is not changed in place: its changes take effect
through a new version (plans app), so a load refuses them."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.text import slugify

from charterdesk.core.vocabulary import Priority, RequestType
from charterdesk.plans.drafts import plan_terms_replace
from charterdesk.plans.models import Metric, Plan, PlanStatus
from charterdesk.plans.versions import plan_publish
from charterdesk.sla.models import Calendar

from .kinds import Context, Kind, assign, named, saved
from .schemas import CalendarItem, PlanItem

CALENDAR_FIELDS = ("name", "timezone", "hours", "holidays", "always_open")
PLAN_FIELDS = (
    "name",
    "slug",
    "summary",
    "position",
    "channels",
    "max_authorized_contacts",
    "hours_included",
    "professional_services_hours",
    "overage_policy",
    "currency",
    "reopen_days",
    "consulting_rate",
    "escalation_requests_per_month",
    "survey_delay_hours",
    "survey_change_days",
    "sla_warn_minutes",
    "sla_warn_percent",
    "sla_pause_on_hold",
    "incident_rule",
    "sla_warning_actions",
    "sla_breach_actions",
)
COVERAGE_FIELDS = ("request_type", "decision", "schedule", "alternative", "note")
TARGET_FIELDS = ("request_type", "priority", "metric", "minutes")


def _calendar_dump(calendar: Calendar) -> dict[str, Any]:
    return {name: getattr(calendar, name) for name in CALENDAR_FIELDS}


def _calendar_load(ctx: Context, calendar: Calendar | None, data: dict[str, Any]) -> Calendar:
    calendar = calendar or Calendar()
    assign(calendar, data, CALENDAR_FIELDS)
    saved(calendar)
    return calendar


CALENDARS = Kind(
    name="calendars",
    model=Calendar,
    schema=CalendarItem,
    key=lambda item: (item["name"],),
    rows=lambda: Calendar.objects.order_by("name"),
    find=lambda item: Calendar.objects.filter(name=item["name"]).first(),
    dump=_calendar_dump,
    load=_calendar_load,
)


def cell_order(row: dict[str, Any]) -> tuple[int, ...]:
    orders = (RequestType.values, Priority.values, Metric.values)
    keys = (row["request_type"], row.get("priority"), row.get("metric"))
    return tuple(o.index(k) if k in o else len(o) for o, k in zip(orders, keys, strict=True))


def _plan_dump(plan: Plan) -> dict[str, Any]:
    data = {name: getattr(plan, name) for name in PLAN_FIELDS}
    data["status"] = plan.status
    data["calendar"] = plan.calendar.name
    coverage = [{f: getattr(c, f) for f in COVERAGE_FIELDS} for c in plan.coverages.all()]
    targets = [{f: getattr(t, f) for f in TARGET_FIELDS} for t in plan.targets.all()]
    data["coverage"] = sorted(coverage, key=cell_order)
    data["targets"] = sorted(targets, key=cell_order)
    return data


def _plan_load(ctx: Context, plan: Plan | None, data: dict[str, Any]) -> Plan:
    if plan is not None and plan.status == PlanStatus.PUBLISHED:
        raise ValidationError(
            {"status": "This plan is published: it is not changed in place; make a new version."}
        )
    if data.get("status", PlanStatus.DRAFT) not in PlanStatus.values:
        raise ValidationError({"status": "A plan is a draft or published."})
    if plan is None:
        last = Plan.objects.aggregate(last=Max("position"))["last"]
        plan = Plan(status=PlanStatus.DRAFT, position=0 if last is None else last + 1)
    assign(plan, data, PLAN_FIELDS)
    plan.slug = plan.slug or slugify(plan.name)
    if "calendar" in data:
        plan.calendar = named(Calendar, "name", data["calendar"], "calendar")
    saved(plan)
    if "coverage" in data or "targets" in data:
        plan_terms_replace(plan=plan, coverage=data.get("coverage"), targets=data.get("targets"))
    if data.get("status") == PlanStatus.PUBLISHED:
        plan_publish(plan=plan)
    return plan


PLANS = Kind(
    name="plans",
    model=Plan,
    schema=PlanItem,
    key=lambda item: (item["slug"] or slugify(item["name"]),),
    rows=lambda: (
        Plan.objects.select_related("calendar")
        .prefetch_related("coverages", "targets")
        .order_by("position", "name")
    ),
    find=lambda item: Plan.objects.filter(slug=item["slug"] or slugify(item["name"])).first(),
    dump=_plan_dump,
    load=_plan_load,
)
