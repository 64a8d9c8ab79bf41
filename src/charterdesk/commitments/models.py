from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone


class CommitmentState(models.TextChoices):
    OPEN = "open", "Open"
    KEPT = "kept", "Kept"
    BROKEN = "broken", "Broken"
    CANCELLED = "cancelled", "Cancelled"


class Commitment(models.Model):
    """Something promised to a customer on a ticket: a call-back, a fix in a release, a
    report. Open until it is kept, broken or cancelled; *overdue* while open past its due
    time. Customers see every commitment on their tickets."""

    ticket = models.ForeignKey(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="commitments"
    )
    text = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="commitments"
    )
    due_at = models.DateTimeField()
    state = models.CharField(
        max_length=16, choices=CommitmentState.choices, default=CommitmentState.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments_made",
    )
    created_at = models.DateTimeField(default=timezone.now)
    kept_at = models.DateTimeField(null=True, blank=True)
    settled_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was kept, broken or cancelled."
    )
    note = models.CharField(max_length=500, blank=True)
    reminded_at = models.DateTimeField(
        null=True, blank=True, help_text="When the owner was reminded before the due time."
    )
    overdue_notified_at = models.DateTimeField(
        null=True, blank=True, help_text="When the owner was told it is overdue."
    )

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["ticket", "due_at"], name="commitment_by_ticket"),
            models.Index(
                fields=["due_at", "id"],
                name="commitment_open_by_due",
                condition=models.Q(state="open"),
            ),
            models.Index(fields=["owner", "state", "due_at"], name="commitment_by_owner"),
            models.Index(fields=["state", "settled_at"], name="commitment_settled"),
        ]

    def __str__(self) -> str:
        return f"#{self.ticket_id}: {self.text}"

    def is_overdue(self, now: datetime | None = None) -> bool:
        return self.state == CommitmentState.OPEN and self.due_at <= (now or timezone.now())
