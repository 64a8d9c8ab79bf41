"""What is set up ahead of an incident: services, deployments, severity policies, role
assignments, message templates and contacts' opt-ins."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from charterdesk.core.checked import CheckedModel, choices_check

from ..choices import IncidentRole, TemplateKind
from ..placeholders import check_template


class ServiceQuerySet(models.QuerySet["Service"]):
    def in_use(self) -> "ServiceQuerySet":
        """Services not archived: those offered for new incidents and deployments."""
        return self.filter(archived_at__isnull=True)


class Service(CheckedModel):
    """Something customers use: an application, an API, a region. A service may be a part
    of another (`parent`); an incident on a part affects the customers of its parent."""

    name = models.CharField(max_length=200, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="parts"
    )
    description = models.CharField(max_length=500, blank=True)
    is_public = models.BooleanField(default=True, help_text="Listed on the public status page.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on status pages.")
    created_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Archived: kept with its history, not offered for new incidents or "
        "deployments, not shown on the status page.",
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def clean(self) -> None:
        if self.parent is not None and self.parent.is_archived and not self.is_archived:
            raise ValidationError(
                {"parent": "This parent service is archived: restore it first or choose another."}
            )
        seen = {self.pk} if self.pk else set()
        parent = self.parent
        while parent is not None:
            if parent.pk in seen:
                raise ValidationError({"parent": "A service cannot be a part of itself."})
            seen.add(parent.pk)
            parent = parent.parent


REGION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]*$")
REGION_WORDS = "Write a region as a word such as EU or us-east-1 (no commas)."


class Deployment(CheckedModel):
    """An organization uses a service in a region (empty region: everywhere or unknown).
    Deployments decide who an incident affects. The region rule holds in the settings
    page, the API and the Django admin alike."""

    organization = models.ForeignKey(
        "customers.Organization", on_delete=models.CASCADE, related_name="deployments"
    )
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="deployments")
    region = models.CharField(max_length=32, blank=True, help_text="e.g. 'EU', 'US'.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["service", "region", "organization"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "service", "region"], name="deployment_unique"
            )
        ]
        indexes = [models.Index(fields=["service", "region"], name="deployment_by_service")]

    def __str__(self) -> str:
        where = f" ({self.region})" if self.region else ""
        return f"{self.organization_id} uses {self.service}{where}"

    def clean(self) -> None:
        self.region = (self.region or "").strip()
        if self.region and not REGION.match(self.region):
            raise ValidationError({"region": REGION_WORDS})


class SeverityPolicy(CheckedModel):
    """A severity level (1 is the worst) and what it implies for customers."""

    level = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    name = models.CharField(max_length=100)
    alert_customers = models.BooleanField(
        default=True, help_text="Whether affected customers are alerted by default."
    )
    alert_after_minutes = models.PositiveIntegerField(
        default=0,
        help_text="Alert only once the incident has lasted this long (0: at once); "
        "a briefer one can be closed without alerts.",
    )
    max_update_interval_minutes = models.PositiveIntegerField(
        default=60,
        validators=[MinValueValidator(5)],
        help_text="The next update is promised at most this far ahead.",
    )
    reminder_minutes = models.PositiveIntegerField(
        default=10, help_text="Remind the communications lead this long before an update is due."
    )
    postmortem_business_days = models.PositiveSmallIntegerField(
        default=5, help_text="The post-mortem is due this many business days after resolution."
    )
    calendar = models.ForeignKey(
        "sla.Calendar",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Business days are counted on it; none: Monday to Friday in UTC.",
    )

    class Meta:
        ordering = ["level"]
        verbose_name_plural = "severity policies"

    def __str__(self) -> str:
        return f"SEV{self.level} {self.name}"


class RoleAssignment(CheckedModel):
    """Who takes an incident role, decided ahead of time: a person or an on-call team,
    for a service and/or a severity; rows without either are the default. The most
    specific row wins (service and severity, then service, then severity, then default)."""

    role = models.CharField(max_length=16, choices=IncidentRole.choices)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    severity = models.ForeignKey(
        SeverityPolicy, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    team = models.ForeignKey(
        "routing.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            choices_check("role", IncidentRole, "role_assignment_role_valid"),
            models.CheckConstraint(
                condition=models.Q(user__isnull=True) ^ models.Q(team__isnull=True),
                name="role_assignment_user_xor_team",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.user or self.team}"

    def clean(self) -> None:
        if (self.user_id is None) == (self.team_id is None):
            raise ValidationError({"user": "Choose a person or a team, not both."})
        same = RoleAssignment.objects.filter(
            role=self.role, service=self.service_id, severity=self.severity_id
        ).exclude(pk=self.pk)
        if same.exists():
            raise ValidationError({"role": "This role is already assigned for this case."})


PROMISE_KINDS = (TemplateKind.FIRST_ALERT, TemplateKind.UPDATE)


def _names_next_update(template: "MessageTemplate") -> bool:
    return "{next_update}" in template.body.replace("{{", "").replace("}}", "")


class MessageTemplate(CheckedModel):
    """The words of one kind of notice. Only the fixed {placeholders} are filled in
    (placeholders.py); nothing in a template is ever executed."""

    kind = models.CharField(max_length=16, choices=TemplateKind.choices, unique=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind"]
        constraints = [choices_check("kind", TemplateKind, "message_template_kind_valid")]

    def __str__(self) -> str:
        return self.get_kind_display()

    def clean(self) -> None:
        errors = {}
        for field in ("subject", "body"):
            problem = check_template(getattr(self, field))
            if problem:
                errors[field] = problem
        if self.kind in PROMISE_KINDS and "body" not in errors and not _names_next_update(self):
            errors["body"] = "This notice must say when the next update comes: use {next_update}."
        if errors:
            raise ValidationError(errors)


class AlertOptIn(models.Model):
    """A contact who asked for incident notices, for one service or (no service) all."""

    contact = models.ForeignKey(
        "customers.Contact", on_delete=models.CASCADE, related_name="incident_opt_ins"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="opt_ins"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "service"],
                condition=models.Q(service__isnull=False),
                name="alert_opt_in_unique",
            ),
            models.UniqueConstraint(
                fields=["contact"],
                condition=models.Q(service__isnull=True),
                name="alert_opt_in_all_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact_id} -> {self.service or 'all services'}"
