"""The plan forms: the plan's terms (channels, hours, limits, SLA actions from the valid
values), the coverage matrix (request type × decision, with the alternative offered) and
the targets matrix (request type × priority × metric, in business minutes)."""

from typing import Any

from django import forms
from django.utils.text import slugify

from charterdesk.core.vocabulary import Alternative, Channel, Decision, Priority, RequestType
from charterdesk.plans.models import (
    ClockPolicy,
    Metric,
    Plan,
    PlanCoverage,
    ResponseTarget,
    Schedule,
    SlaAction,
)
from charterdesk.plans.rules import MAX_TARGET_MINUTES
from charterdesk.plans.terms import COVERAGE_PARTS, TERM_FIELDS, PlanTerms
from charterdesk.sla.models import Calendar

CHECKBOXES = forms.CheckboxSelectMultiple


class PlanForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label="Channels", choices=Channel.choices, widget=CHECKBOXES, required=False
    )
    sla_warning_actions = forms.MultipleChoiceField(
        label="When a deadline is near",
        choices=SlaAction.choices,
        widget=CHECKBOXES,
        required=False,
    )
    sla_breach_actions = forms.MultipleChoiceField(
        label="When a deadline passes", choices=SlaAction.choices, widget=CHECKBOXES, required=False
    )

    class Meta:
        model = Plan
        fields = ["name", *TERM_FIELDS]
        labels = {
            "max_authorized_contacts": "Authorized contacts (cap)",
            "hours_included": "Hours included per period",
            "professional_services_hours": "Consulting hours per period",
            "overage_policy": "When the hours are used up",
            "consulting_rate": "Consulting rate per hour",
            "escalation_requests_per_month": "Escalation requests per month",
            "reopen_days": "Days to reopen a solved request",
            "survey_delay_hours": "Survey sent after (hours)",
            "survey_change_days": "Survey answers may change for (days)",
            "sla_warn_minutes": "Warn (business minutes before a deadline)",
            "sla_warn_percent": "Or warn at (% of the target used)",
            "sla_pause_on_hold": "Clocks pause while on hold",
            "incident_rule": "Tickets linked to an alerted incident",
        }

    LISTS = ("channels", "sla_warning_actions", "sla_breach_actions")

    def plain_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.fields if n not in (*self.LISTS, "sla_pause_on_hold")]

    def list_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.LISTS]


class VersionForm(PlanForm):
    """A version's terms: everything of the plan but its name. Its instance is the
    unsaved plan of `PlanTerms.from_json`."""

    class Meta(PlanForm.Meta):
        fields = list(TERM_FIELDS)


class PublishVersionForm(forms.Form):
    effective_from = forms.DateField(
        label="Takes effect on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Today or a later day, from midnight in the plan's calendar time zone.",
    )
    clocks = forms.ChoiceField(
        label="Open tickets on that day",
        choices=ClockPolicy.choices,
        initial=ClockPolicy.KEEP,
        widget=forms.RadioSelect,
    )


def coverage_field(request_type: str, part: str) -> str:
    return f"c-{request_type}-{part}"


def target_field(request_type: str, priority: str, metric: str) -> str:
    return f"t-{request_type}-{priority}-{metric}"


class TermsForm(forms.Form):
    """The two matrices of a plan, one field per cell."""

    def __init__(self, *args: Any, terms: PlanTerms, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        coverages = {c.request_type: c for c in terms.coverages}
        targets = {(t.request_type, t.priority, t.metric): t.minutes for t in terms.targets}
        for kind in RequestType.values:
            self._coverage_fields(kind, coverages.get(kind))
            for priority in Priority.values:
                for metric in Metric.values:
                    name = target_field(kind, priority, metric)
                    self.fields[name] = forms.IntegerField(
                        label=f"{Metric(metric).label} · {Priority(priority).label}",
                        required=False,
                        min_value=1,
                        max_value=MAX_TARGET_MINUTES,
                        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                    )
                    self.initial[name] = targets.get((kind, priority, metric))

    def _coverage_fields(self, kind: str, current: Any) -> None:
        parts = {
            "decision": forms.ChoiceField(label="Decision", choices=Decision.choices),
            "schedule": forms.ChoiceField(label="Hours", choices=Schedule.choices),
            "alternative": forms.ChoiceField(
                label="Offered instead", choices=Alternative.choices, required=False
            ),
            "note": forms.CharField(label="Note", required=False, max_length=300),
        }
        for part, field in parts.items():
            name = coverage_field(kind, part)
            self.fields[name] = field
            default = {"decision": Decision.NOT_COVERED, "schedule": Schedule.BUSINESS}.get(
                part, ""
            )
            self.initial[name] = getattr(current, part, default) if current else default

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for kind in RequestType.values:
            decision = data.get(coverage_field(kind, "decision"))
            if decision == Decision.NOT_COVERED and not data.get(
                coverage_field(kind, "alternative")
            ):
                self.add_error(
                    coverage_field(kind, "alternative"),
                    "Say what a customer is offered instead (the knowledge base, say).",
                )
        return data

    def rows(self) -> tuple[list[PlanCoverage], list[ResponseTarget]]:
        """The cells as unsaved coverage rows and targets (an empty cell: no target)."""
        data = self.cleaned_data
        coverages = [
            PlanCoverage(
                request_type=kind,
                **{part: data.get(coverage_field(kind, part)) or "" for part in COVERAGE_PARTS},
            )
            for kind in RequestType.values
        ]
        targets = [
            ResponseTarget(request_type=kind, priority=priority, metric=metric, minutes=minutes)
            for kind in RequestType.values
            for priority in Priority.values
            for metric in Metric.values
            if (minutes := data.get(target_field(kind, priority, metric)))
        ]
        return coverages, targets

    def matrices(self) -> list[dict[str, Any]]:
        """For the template: per request type its coverage fields and a priority × metric
        grid of target fields."""
        return [
            {
                "label": label,
                "coverage": [
                    self[coverage_field(kind, p)]
                    for p in ("decision", "schedule", "alternative", "note")
                ],
                "metrics": Metric.labels,
                "rows": [
                    (
                        Priority(priority).label,
                        [self[target_field(kind, priority, m)] for m in Metric.values],
                    )
                    for priority in Priority.values
                ],
            }
            for kind, label in RequestType.choices
        ]


class NewPlanForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100)
    copy_from = forms.ModelChoiceField(
        label="Copy the terms of",
        queryset=Plan.objects.order_by("position", "name"),
        required=False,
        empty_label="— start empty —",
    )
    calendar = forms.ModelChoiceField(
        label="Business calendar",
        queryset=Calendar.objects.order_by("name"),
        required=False,
        help_text="For an empty plan; a copy keeps its plan's calendar.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name = data.get("name", "")
        if name and Plan.objects.filter(slug=slugify(name)).exists():
            self.add_error("name", "A plan of this name exists already.")
        elif name and not slugify(name):
            self.add_error("name", "Use letters or digits in the name.")
        if not data.get("copy_from") and not data.get("calendar"):
            self.add_error("calendar", "Choose the calendar of the new plan, or a plan to copy.")
        return data
