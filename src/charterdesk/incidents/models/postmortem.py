"""The post-mortem of an incident and its follow-up actions."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from charterdesk.core.checked import choices_check

from ..choices import PostMortemState, RootCause
from .incident import Incident


class PostMortem(models.Model):
    """Opened when an incident is resolved, due a number of business days later (the
    severity's policy). An internal report and a customer version; the customer version
    goes to the incident's audience once approved."""

    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="postmortem")
    due_at = models.DateTimeField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(
        max_length=16, choices=PostMortemState.choices, default=PostMortemState.DRAFT
    )
    root_cause = models.CharField(
        max_length=20, choices=RootCause.choices, default=RootCause.UNKNOWN
    )
    root_cause_detail = models.CharField(max_length=500, blank=True)
    organizations_affected = models.PositiveIntegerField(default=0)
    contacts_affected = models.PositiveIntegerField(default=0)
    duration_minutes = models.PositiveIntegerField(default=0)
    sla_breaches = models.PositiveIntegerField(default=0)
    tickets_linked = models.PositiveIntegerField(default=0)
    internal_report = models.TextField(blank=True)
    customer_version = models.TextField(blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # set by the sweep when it chased an overdue post-mortem (claims the chase: once)
    chased_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            choices_check("state", PostMortemState, "postmortem_state_valid"),
            choices_check("root_cause", RootCause, "postmortem_root_cause_valid"),
        ]

    def __str__(self) -> str:
        return f"Post-mortem of {self.incident}"


class FollowUpAction(models.Model):
    """A task a post-mortem decided, with an owner and a due date."""

    postmortem = models.ForeignKey(PostMortem, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    # set by the sweep when it reminded the owner before the due date / when overdue
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["done_at", "due_on", "id"]
        indexes = [
            models.Index(
                fields=["due_on", "id"],
                name="followup_open_due",
                condition=models.Q(done_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return self.text
