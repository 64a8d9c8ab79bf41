"""A plan's terms as one value: its own fields (TERM_FIELDS), its coverage rows and its
targets. A plan version keeps them as JSON; the settings grids edit them; applying a
version writes them onto the plan, only what changed (so the audit log shows each change).
The caller owns the transaction."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from .models import Plan, PlanCoverage, ResponseTarget

# Everything of a plan a version changes; its name (and slug, position) is who it is.
TERM_FIELDS = (
    "summary",
    "calendar",
    "channels",
    "max_authorized_contacts",
    "hours_included",
    "professional_services_hours",
    "overage_policy",
    "currency",
    "consulting_rate",
    "escalation_requests_per_month",
    "reopen_days",
    "survey_delay_hours",
    "survey_change_days",
    "sla_warn_minutes",
    "sla_warn_percent",
    "sla_pause_on_hold",
    "incident_rule",
    "sla_warning_actions",
    "sla_breach_actions",
)
COVERAGE_PARTS = ("decision", "schedule", "alternative", "note")


def _attname(name: str) -> str:
    return "calendar_id" if name == "calendar" else name


def _json(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


@dataclass
class PlanTerms:
    """`plan` is an unsaved Plan carrying the term fields (for forms and checks)."""

    plan: Plan
    coverages: list[PlanCoverage]
    targets: list[ResponseTarget]

    @classmethod
    def of(cls, plan: Plan) -> "PlanTerms":
        """The terms a plan holds now (uses its prefetched rows when there are)."""
        return cls(plan, list(plan.coverages.all()), list(plan.targets.all()))

    @classmethod
    def from_json(cls, plan: Plan, terms: dict[str, Any]) -> "PlanTerms":
        """`plan`'s identity with the terms of a version."""
        shell = Plan(pk=None, name=plan.name, slug=plan.slug, status=plan.status)
        fields = terms.get("plan", {})
        for name in TERM_FIELDS:
            attname = _attname(name)
            value = fields.get(attname, getattr(plan, attname))
            setattr(shell, attname, value)
        shell.clean_fields(exclude=["name", "slug", "status"])  # JSON strings to Decimals
        coverages = [PlanCoverage(**row) for row in terms.get("coverages", [])]
        targets = [ResponseTarget(**row) for row in terms.get("targets", [])]
        return cls(shell, coverages, targets)

    def to_json(self) -> dict[str, Any]:
        return {
            "plan": {_attname(n): _json(getattr(self.plan, _attname(n))) for n in TERM_FIELDS},
            "coverages": sorted(
                (
                    {"request_type": c.request_type, **{p: getattr(c, p) for p in COVERAGE_PARTS}}
                    for c in self.coverages
                ),
                key=lambda row: row["request_type"],
            ),
            "targets": sorted(
                (
                    {
                        "request_type": t.request_type,
                        "priority": t.priority,
                        "metric": t.metric,
                        "minutes": t.minutes,
                    }
                    for t in self.targets
                ),
                key=lambda row: (row["request_type"], row["priority"], row["metric"]),
            ),
        }

    def check(self) -> None:
        """The rules every plan meets (the model's own), for terms not yet on a plan."""
        self.plan.full_clean(
            exclude=["name", "slug", "status"], validate_unique=False, validate_constraints=False
        )
        for row in [*self.coverages, *self.targets]:
            try:
                row.full_clean(exclude=["plan"], validate_unique=False)
            except ValidationError as error:
                raise ValidationError(f"{row}: {'; '.join(error.messages)}") from error


def terms_apply(plan: Plan, terms: PlanTerms) -> None:
    """Write the terms onto the plan: its fields, then each coverage row and target cell
    that changed (a missing target cell is removed: no target)."""
    for name in TERM_FIELDS:
        attname = _attname(name)
        setattr(plan, attname, getattr(terms.plan, attname))
    plan.save()
    rows_set(plan, terms.coverages, terms.targets)


def rows_set(plan: Plan, coverages: list[PlanCoverage], targets: list[ResponseTarget]) -> None:
    """Make the plan's coverage rows and targets these, writing only what changed."""
    current = {c.request_type: c for c in plan.coverages.all()}
    for row in coverages:
        old = current.pop(row.request_type, None)
        values = {part: getattr(row, part) or "" for part in COVERAGE_PARTS}
        if old is None:
            PlanCoverage.objects.create(plan=plan, request_type=row.request_type, **values)
        elif any(getattr(old, part) != value for part, value in values.items()):
            for part, value in values.items():
                setattr(old, part, value)
            old.save()
    for old in current.values():
        old.delete()
    cells = {(t.request_type, t.priority, t.metric): t for t in plan.targets.all()}
    for target in targets:
        old_target = cells.pop((target.request_type, target.priority, target.metric), None)
        if old_target is None:
            ResponseTarget.objects.create(
                plan=plan,
                request_type=target.request_type,
                priority=target.priority,
                metric=target.metric,
                minutes=target.minutes,
            )
        elif old_target.minutes != target.minutes:
            old_target.minutes = target.minutes
            old_target.save()
    for old_target in cells.values():
        old_target.delete()
