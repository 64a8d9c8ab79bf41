from django.conf import settings
from django.db import models
from django.utils import timezone


class Activity(models.TextChoices):
    INVESTIGATION = "investigation", "Investigation"
    REPLY = "reply", "Reply"
    CALL = "call", "Call"
    CONSULTING = "consulting", "Consulting"
    TRAINING = "training", "Training"


class TimeEntry(models.Model):
    """Minutes an agent spent on a ticket. Entries on metered tickets draw on the contract's
    hours bank; `contract` and `tier` are copied from the ticket and the agent when logged,
    so statements aggregate without joins and stay true when either changes later."""

    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="time")
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="time_entries"
    )
    contract = models.ForeignKey(
        "plans.Contract",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="time_entries",
    )
    minutes = models.PositiveIntegerField()
    activity = models.CharField(max_length=16, choices=Activity.choices)
    billable = models.BooleanField(default=True)
    draws_on_bank = models.BooleanField(
        default=False, help_text="Counted against the contract's hours bank (metered coverage)."
    )
    tier = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    worked_at = models.DateTimeField(default=timezone.now, help_text="When the work was done.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["worked_at", "id"]
        indexes = [
            models.Index(fields=["contract", "worked_at"], name="time_by_contract"),
            models.Index(fields=["ticket", "worked_at"], name="time_by_ticket"),
        ]

    def __str__(self) -> str:
        return f"{self.minutes} min {self.activity} on #{self.ticket_id}"
