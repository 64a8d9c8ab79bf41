"""A monitor of a service and the results of its checks."""

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from charterdesk.core.checked import CheckedModel, choices_check


class MonitorKind(models.TextChoices):
    HTTP = "http", "HTTP(S)"
    TCP = "tcp", "TCP connect"
    TLS = "tls", "TLS certificate expiry"
    HEARTBEAT = "heartbeat", "Heartbeat"


class MonitorState(models.TextChoices):
    UNKNOWN = "unknown", "Not checked yet"
    UP = "up", "Up"
    DOWN = "down", "Down"


def _secret() -> str:
    return secrets.token_urlsafe(24)


class Monitor(CheckedModel):
    """What to check, how often, and when to call it an incident."""

    service = models.ForeignKey(
        "incidents.Service", on_delete=models.CASCADE, related_name="monitors"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=MonitorKind.choices)
    url = models.CharField(max_length=500, blank=True, help_text="HTTP(S): the address to fetch.")
    host = models.CharField(max_length=255, blank=True, help_text="TCP and TLS: the host.")
    port = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(65535)]
    )
    expected_status = models.PositiveSmallIntegerField(
        default=200, validators=[MinValueValidator(100), MaxValueValidator(599)]
    )
    body_contains = models.CharField(
        max_length=200, blank=True, help_text="HTTP: a word the page must contain."
    )
    max_latency_ms = models.PositiveIntegerField(
        null=True, blank=True, help_text="HTTP and TCP: slower than this is a failure."
    )
    min_days_left = models.PositiveSmallIntegerField(
        default=14, help_text="TLS: fewer days before the certificate expires is a failure."
    )
    timeout_seconds = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    interval_seconds = models.PositiveIntegerField(
        default=60,
        validators=[MinValueValidator(10)],
        help_text="How often it is checked; heartbeat: how often the service calls.",
    )
    grace_seconds = models.PositiveIntegerField(
        default=60, help_text="Heartbeat: how late a call may be."
    )
    secret = models.CharField(max_length=64, default=_secret, unique=True)
    failures_to_open = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Failures in a row that open a suspected incident.",
    )
    successes_to_recover = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Successes in a row that count it as recovered.",
    )
    dedup_minutes = models.PositiveIntegerField(
        default=30,
        help_text="Within this long after an incident of the service was opened by a "
        "monitor, failures join it instead of opening another.",
    )
    is_active = models.BooleanField(default=True)
    state = models.CharField(
        max_length=16, choices=MonitorState.choices, default=MonitorState.UNKNOWN
    )
    failures = models.PositiveIntegerField(default=0, help_text="Failures in a row.")
    successes = models.PositiveIntegerField(default=0, help_text="Successes in a row.")
    next_check_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    last_message = models.CharField(max_length=500, blank=True)
    last_heartbeat_at = models.DateTimeField(null=True, blank=True)
    incident = models.ForeignKey(
        "incidents.Incident",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The suspected incident it opened or joined last.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["service", "name"]
        constraints = [
            choices_check("kind", MonitorKind, "monitor_kind_valid"),
            choices_check("state", MonitorState, "monitor_state_valid"),
        ]
        indexes = [
            models.Index(
                fields=["next_check_at"],
                name="monitor_due",
                condition=models.Q(is_active=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.name}"

    def clean(self) -> None:
        errors = {}
        if self._state.adding and self.service_id and self.service.archived_at is not None:
            errors["service"] = "This service is archived: choose one in use."
        if self.kind == MonitorKind.HTTP and not self.url.startswith(("http://", "https://")):
            errors["url"] = "Give an address starting with http:// or https://."
        if self.kind in (MonitorKind.TCP, MonitorKind.TLS):
            if not self.host.strip():
                errors["host"] = "Give the host to connect to."
            if self.port is None and self.kind == MonitorKind.TCP:
                errors["port"] = "Give the port to connect to."
        if errors:
            raise ValidationError(errors)


class MonitorResult(models.Model):
    """One check: passed or not, how long it took, what was seen."""

    monitor = models.ForeignKey(Monitor, on_delete=models.CASCADE, related_name="results")
    checked_at = models.DateTimeField(default=timezone.now)
    ok = models.BooleanField()
    latency_ms = models.PositiveIntegerField(null=True, blank=True)
    message = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-checked_at", "-id"]
        indexes = [models.Index(fields=["monitor", "-checked_at"], name="monitor_result_recent")]

    def __str__(self) -> str:
        return f"{self.monitor_id} {'ok' if self.ok else 'failed'} at {self.checked_at}"
