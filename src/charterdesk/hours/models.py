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
    overage_minutes = models.PositiveIntegerField(
        default=0, help_text="Minutes of this entry beyond the hours bank (billed as overage)."
    )
    estimate = models.ForeignKey(
        "estimates.Estimate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="time_entries",
        help_text="The approved estimate this work is tracked against.",
    )
    tier = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    worked_at = models.DateTimeField(default=timezone.now, help_text="When the work was done.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["worked_at", "id"]
        indexes = [
            # By contract and period; it holds every column the hours bank sums, so the bank
            # is read from the index alone (SQLite and PostgreSQL).
            models.Index(
                fields=["contract", "worked_at", "draws_on_bank", "minutes", "overage_minutes"],
                name="time_by_contract_cover",
            ),
            models.Index(fields=["ticket", "worked_at"], name="time_by_ticket"),
            # The minutes drawn on a contract's bank, whatever the period (account health's
            # hours-bank figure): a third of the entries, read from the index alone.
            models.Index(
                fields=["contract", "minutes"],
                name="time_bank_minutes",
                condition=models.Q(draws_on_bank=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.minutes} min {self.activity} on #{self.ticket_id}"


class Purchase(models.Model):
    """Hours a customer bought on top of the plan's. Recording one also adds the hours to
    `Contract.hours_purchased` in the same transaction (statements read that field)."""

    contract = models.ForeignKey(
        "plans.Contract", on_delete=models.PROTECT, related_name="hour_purchases"
    )
    hours = models.DecimalField(max_digits=8, decimal_places=2)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hour_purchases"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.hours} h on contract {self.contract_id}"


class Threshold(models.IntegerChoices):
    """Shares of the hours bank at which the account manager and administrators are told."""

    WARNING = 80, "80% used"
    USED_UP = 100, "100% used"


class BankAlert(models.Model):
    """One alert sent for one threshold of one contract's period: never sent twice."""

    contract = models.ForeignKey("plans.Contract", on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField(help_text="Start of the contract period it was sent for.")
    threshold = models.PositiveSmallIntegerField(choices=Threshold.choices)
    used_hours = models.DecimalField(max_digits=9, decimal_places=2)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "period_start", "threshold"], name="one_alert_per_threshold"
            )
        ]

    def __str__(self) -> str:
        return f"{self.threshold}% of contract {self.contract_id}"
