from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone

from charterdesk.core.checked import CheckedModel, choices_check
from charterdesk.core.vocabulary import Alternative, Channel, Decision, Priority, RequestType
from charterdesk.customers.models import Organization

from .choices import ClockPolicy as ClockPolicy
from .choices import IncidentRule as IncidentRule
from .choices import Metric as Metric
from .choices import OveragePolicy as OveragePolicy
from .choices import PlanStatus as PlanStatus
from .choices import Schedule as Schedule
from .choices import SlaAction as SlaAction
from .rules import (
    FIRST_DAY,
    LAST_DAY,
    MAX_TARGET_MINUTES,
    check_contract,
    check_plan,
    check_version,
    not_negative,
)


class Plan(CheckedModel):
    """A support offering: coverage per request type, targets, hours, channels, limits."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    summary = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10,
        choices=PlanStatus.choices,
        default=PlanStatus.DRAFT,
        help_text="Only published plans are on the coverage page and can be sold.",
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveSmallIntegerField(
        default=1,
        editable=False,
        help_text="The number of the version whose terms are in effect (see PlanVersion).",
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on public pages.")
    calendar = models.ForeignKey(
        "sla.Calendar",
        on_delete=models.PROTECT,
        related_name="plans",
        help_text="Business hours for request types supported in business hours.",
    )
    channels = models.JSONField(default=list, help_text="e.g. ['portal', 'email', 'phone']")
    max_authorized_contacts = models.PositiveIntegerField(
        null=True, blank=True, help_text="Empty: every contact of the organization may ask."
    )
    hours_included = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=Decimal(0),
        validators=[not_negative],
        help_text="Per contract period.",
    )
    professional_services_hours = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        validators=[not_negative],
        default=Decimal(0),
        help_text="Consulting hours included per contract period.",
    )

    overage_policy = models.CharField(
        max_length=16,
        choices=OveragePolicy.choices,
        default=OveragePolicy.SERVE_AND_BILL,
        help_text="What happens past 100% of the hours bank.",
    )
    currency = models.CharField(
        max_length=3,
        default="EUR",
        help_text="ISO 4217 code of every amount of this plan: rates, estimates, statements.",
    )
    reopen_days = models.PositiveSmallIntegerField(
        default=7, help_text="Days after a request is solved in which the customer may reopen it."
    )
    consulting_rate = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        validators=[not_negative],
        default=Decimal(0),
        help_text="Hourly rate quoted in estimates for billable (consulting) work.",
    )
    escalation_requests_per_month = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="How often a customer may ask to escalate per month; empty: no limit.",
    )
    survey_delay_hours = models.PositiveIntegerField(
        default=24, help_text="Hours after a ticket is solved before the satisfaction survey."
    )
    survey_change_days = models.PositiveIntegerField(
        default=14, help_text="Days during which a survey answer may still be changed."
    )

    sla_warn_minutes = models.PositiveIntegerField(
        default=30, help_text="Warn this many business minutes before a deadline."
    )
    sla_warn_percent = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text="Or warn when this share of the target is used (whichever comes first).",
    )
    sla_pause_on_hold = models.BooleanField(
        default=True, help_text="Resolution and update clocks pause while on hold (third party)."
    )
    incident_rule = models.CharField(
        max_length=20,
        choices=IncidentRule.choices,
        default=IncidentRule.PAUSE_FIRST_REPLY,
        help_text="Pause the first reply: the alert answered the customer, the ticket waits "
        "for the incident. Keep the clocks running: linking changes no clock.",
    )
    sla_warning_actions = models.JSONField(
        default=list, blank=True, help_text=f"Any of {', '.join(SlaAction.values)}."
    )
    sla_breach_actions = models.JSONField(
        default=list, blank=True, help_text=f"Any of {', '.join(SlaAction.values)}."
    )

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_included__gte=0)
                & models.Q(professional_services_hours__gte=0)
                & models.Q(consulting_rate__gte=0),
                name="plan_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(sla_warn_percent__isnull=True)
                | models.Q(sla_warn_percent__gte=1, sla_warn_percent__lte=99),
                name="plan_warn_percent_1_to_99",
            ),
            models.CheckConstraint(
                condition=models.Q(max_authorized_contacts__isnull=True)
                | models.Q(max_authorized_contacts__gte=1),
                name="plan_contact_cap_at_least_one",
            ),
            choices_check("overage_policy", OveragePolicy, "plan_overage_policy_valid"),
            choices_check("status", PlanStatus, "plan_status_valid"),
            choices_check("incident_rule", IncidentRule, "plan_incident_rule_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_plan(self)

    @property
    def channel_names(self) -> list[str]:
        """The channels as people write them: "Portal", "Email", "API"."""
        labels = dict(Channel.choices)
        return [str(labels.get(channel, channel)) for channel in self.channels]


class PlanVersion(CheckedModel):
    """A version of a published plan's terms. The plan's own row always holds the terms in
    effect; a version is drafted as a copy of them, published with the date it takes
    effect, and applied to the plan on that date (plans.sweep). Published versions are
    never changed: they are what customers were promised from their date."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    effective_from = models.DateField(
        null=True, blank=True, help_text="The day (in the plan's calendar time zone) it applies."
    )
    clocks = models.CharField(
        max_length=10,
        choices=ClockPolicy.choices,
        default=ClockPolicy.KEEP,
        help_text="What happens to the running clocks of open tickets on that day.",
    )
    terms = models.JSONField(
        default=dict, encoder=DjangoJSONEncoder, help_text="The plan's terms, coverage and targets."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    applied_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When its terms became the plan's."
    )

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_plan_version_number"),
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(applied_at__isnull=True),
                name="one_pending_plan_version",
            ),
            models.CheckConstraint(
                condition=models.Q(status=PlanStatus.DRAFT)
                | models.Q(effective_from__isnull=False, published_at__isnull=False),
                name="published_version_has_a_date",
            ),
            choices_check("status", PlanStatus, "plan_version_status_valid"),
            choices_check("clocks", ClockPolicy, "plan_version_clocks_valid"),
        ]
        indexes = [
            models.Index(
                fields=["effective_from"],
                condition=models.Q(applied_at__isnull=True, status=PlanStatus.PUBLISHED),
                name="plan_version_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} version {self.number}"

    def clean(self) -> None:
        check_version(self)

    @property
    def state(self) -> str:
        """In words: Draft, Scheduled (published, waiting for its day), In effect, Replaced."""
        if self.status == PlanStatus.DRAFT:
            return "Draft"
        if self.applied_at is None:
            return "Scheduled"
        return "In effect" if self.number == self.plan.version else "Replaced"


class PlanCoverage(CheckedModel):
    """What one plan gives one request type."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="coverages")
    request_type = models.CharField(max_length=16, choices=RequestType.choices)
    decision = models.CharField(max_length=16, choices=Decision.choices)
    schedule = models.CharField(max_length=16, choices=Schedule.choices, default=Schedule.BUSINESS)
    alternative = models.CharField(
        max_length=24, choices=Alternative.choices, default=Alternative.NONE, blank=True
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "request_type"], name="one_coverage_per_type"),
            choices_check("request_type", RequestType, "coverage_request_type_valid"),
            choices_check("decision", Decision, "coverage_decision_valid"),
            choices_check("schedule", Schedule, "coverage_schedule_valid"),
            choices_check("alternative", Alternative, "coverage_alternative_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.request_type}: {self.decision}"


class ResponseTarget(CheckedModel):
    """A target in business minutes for one metric, request type and priority of a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    request_type = models.CharField(max_length=16, choices=RequestType.choices)
    priority = models.CharField(max_length=8, choices=Priority.choices)
    metric = models.CharField(max_length=16, choices=Metric.choices, default=Metric.FIRST_REPLY)
    minutes = models.PositiveIntegerField(
        help_text="Business minutes on the coverage schedule.",
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TARGET_MINUTES)],
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "request_type", "priority", "metric"], name="one_target_per_cell"
            ),
            models.CheckConstraint(
                condition=models.Q(minutes__gte=1, minutes__lte=MAX_TARGET_MINUTES),
                name="target_minutes_in_range",
            ),
            choices_check("request_type", RequestType, "target_request_type_valid"),
            choices_check("priority", Priority, "target_priority_valid"),
            choices_check("metric", Metric, "target_metric_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.request_type}/{self.priority} {self.metric}: {self.minutes} min"


class ContractQuerySet(models.QuerySet["Contract"]):
    def active_on(self, day: date) -> "ContractQuerySet":
        return self.filter(starts_on__lte=day).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day)
        )


class Contract(CheckedModel):
    """An organization's subscription to a plan for a period."""

    organization = models.ForeignKey(
        "customers.Organization", on_delete=models.PROTECT, related_name="contracts"
    )
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="contracts")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    hours_included = models.DecimalField(
        max_digits=8, decimal_places=2, default=Decimal(0), validators=[not_negative]
    )
    hours_purchased = models.DecimalField(
        max_digits=8, decimal_places=2, default=Decimal(0), validators=[not_negative]
    )
    professional_services_hours = models.DecimalField(
        max_digits=8, decimal_places=2, default=Decimal(0), validators=[not_negative]
    )
    relationship_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_contracts",
    )
    authorized_contacts = models.ManyToManyField(
        "customers.Contact", blank=True, related_name="authorized_contracts"
    )
    administrators = models.ManyToManyField(
        "customers.Contact",
        blank=True,
        related_name="administered_contracts",
        help_text="The customer's contract administrators: they manage the authorized "
        "contacts and receive hours bank alerts and usage statements.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        indexes = [models.Index(fields=["organization", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gt=models.F("starts_on")),
                name="contract_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__gte=FIRST_DAY, starts_on__lte=LAST_DAY)
                & (models.Q(ends_on__isnull=True) | models.Q(ends_on__lte=LAST_DAY)),
                name="contract_dates_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_included__gte=0)
                & models.Q(hours_purchased__gte=0)
                & models.Q(professional_services_hours__gte=0),
                name="contract_hours_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.plan} from {self.starts_on}"

    def clean(self) -> None:
        check_contract(self)

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Lock the organization's row, then check (`clean`, run by CheckedModel.save) and
        write: of two overlapping periods saved at once, by any path (a page, the admin,
        the API, an import), the second waits for the first to commit, then sees it and
        is refused. Inside the caller's transaction, or one of its own."""
        with transaction.atomic(using=kwargs.get("using")):
            if self.organization_id is not None:
                locked = Organization.objects.select_for_update().filter(pk=self.organization_id)
                list(locked.values_list("pk", flat=True))
            super().save(*args, **kwargs)

    def period_text(self) -> str:
        """E.g. "1 Jan 2026 – 31 Dec 2026" or "from 1 Jan 2026"."""
        if self.ends_on is None:
            return f"from {self.starts_on:%-d %b %Y}"
        return f"{self.starts_on:%-d %b %Y} – {self.ends_on:%-d %b %Y}"
