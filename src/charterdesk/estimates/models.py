import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone


class EstimateState(models.TextChoices):
    SENT = "sent", "Awaiting approval"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


DEFAULT_CURRENCY = "EUR"  # an estimate on a request without a contract (and so a plan)


def money(amount: Decimal, currency: str) -> str:
    """An amount as people read it on a quote: "1,200.00 EUR"."""
    return f"{amount:,.2f} {currency}"


def new_token() -> str:
    return secrets.token_urlsafe(16)


class Estimate(models.Model):
    """Billable work quoted to the customer: hours × rate for a scope. Work starts once a
    customer approves; time logged afterwards is tracked against it."""

    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="estimates")
    hours = models.DecimalField(max_digits=7, decimal_places=2)
    rate = models.DecimalField(max_digits=8, decimal_places=2, help_text="Per hour.")
    currency = models.CharField(
        max_length=3, default=DEFAULT_CURRENCY, help_text="The plan's currency when quoted."
    )
    scope = models.TextField()
    state = models.CharField(max_length=16, choices=EstimateState.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="estimates"
    )
    decided_by = models.ForeignKey(
        "customers.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="estimate_decisions",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=500, blank=True)
    token = models.CharField(
        max_length=32,
        default=new_token,
        help_text="Part of every signed mail link; links of another estimate never match.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["ticket", "state"], name="estimate_by_ticket")]

    def __str__(self) -> str:
        return f"Estimate {self.hours} h on #{self.ticket_id} ({self.state})"

    @property
    def total(self) -> Decimal:
        return (self.hours * self.rate).quantize(Decimal("0.01"))

    @property
    def rate_text(self) -> str:
        return money(self.rate, self.currency)

    @property
    def total_text(self) -> str:
        return money(self.total, self.currency)
