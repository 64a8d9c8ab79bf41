"""A webhook endpoint (where, which events, its secret) and its deliveries (the durable
queue: one row per event and endpoint, retried until it succeeds or gives up)."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from charterdesk.core.checked import CheckedModel, choices_check


class WebhookEvent(models.TextChoices):
    INCIDENT_CREATED = "incident.created", "Incident created"
    INCIDENT_QUALIFIED = "incident.qualified", "Incident qualified (confirmed or dismissed)"
    INCIDENT_UPDATED = "incident.updated", "Incident updated"
    INCIDENT_RESOLVED = "incident.resolved", "Incident resolved"
    MAINTENANCE = "maintenance.updated", "Maintenance scheduled or moved"
    POSTMORTEM_PUBLISHED = "postmortem.published", "Post-mortem published"
    PING = "ping", "Test ping"


SUBSCRIBABLE = [event for event in WebhookEvent if event != WebhookEvent.PING]


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SUCCEEDED = "succeeded", "Delivered"
    FAILED = "failed", "Gave up"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookEndpoint(CheckedModel):
    """An address that receives the events it chose, signed with its secret."""

    name = models.CharField(max_length=100)
    url = models.CharField(max_length=500, help_text="An https:// (or http://) address.")
    secret = models.CharField(max_length=128, default=new_secret)
    events = models.JSONField(default=list, help_text="The events it receives.")
    is_active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not self.url.startswith(("https://", "http://")):
            errors["url"] = "Give an address starting with https:// or http://."
        chosen = self.events if isinstance(self.events, list) else []
        if not chosen or any(e not in SUBSCRIBABLE for e in chosen):
            errors["events"] = "Choose at least one of the events."
        if len(self.secret) < 16:
            errors["secret"] = "Use a secret of at least 16 characters."  # noqa: S105
        if errors:
            raise ValidationError(errors)

    def event_labels(self) -> list[str]:
        return [WebhookEvent(e).label for e in self.events if e in WebhookEvent.values]


class WebhookDelivery(models.Model):
    """One event for one endpoint: the exact body sent, the attempts, the last answer."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=32, choices=WebhookEvent.choices)
    body = models.TextField()
    state = models.CharField(
        max_length=16, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=8)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_excerpt = models.CharField(max_length=500, blank=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            choices_check("state", DeliveryState, "webhook_delivery_state_valid"),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="webhook_delivery_due",
                condition=models.Q(state="pending"),
            ),
            models.Index(fields=["endpoint", "-created_at"], name="webhook_delivery_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.event} to {self.endpoint_id} ({self.state})"
