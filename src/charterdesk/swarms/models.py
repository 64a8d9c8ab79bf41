from django.conf import settings
from django.db import models
from django.utils import timezone


class HelpRequest(models.Model):
    """An agent asks for help on a ticket: the skills needed and what for. Agents whose
    skills match are told by mail and may join as collaborators."""

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="help_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="help_requests"
    )
    skills = models.JSONField(default=list, help_text="e.g. ['postgres', 'billing']")
    note = models.CharField(max_length=1000, blank=True)
    notified = models.JSONField(default=list, blank=True, help_text="Emails of agents told.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="help_request_by_ticket")]

    def __str__(self) -> str:
        return f"#{self.ticket_id} help: {', '.join(self.skills)}"


class Collaborator(models.Model):
    """An agent working a ticket alongside its assignee, without taking it over."""

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="collaborators"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collaborations"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    help_request = models.ForeignKey(
        HelpRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="joined"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["ticket", "agent"], name="one_collaboration_per_agent")
        ]
        indexes = [models.Index(fields=["agent", "added_at"], name="collaborations_of_agent")]

    def __str__(self) -> str:
        return f"{self.agent} on #{self.ticket_id}"
