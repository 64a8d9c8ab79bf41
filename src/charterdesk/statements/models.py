from django.db import models
from django.utils import timezone


class StatementMailing(models.Model):
    """The record that a contract's statement of one month was mailed to its
    administrators. One per contract and month: the unique constraint is what makes the
    monthly job safe to run again and on several schedulers at once."""

    contract = models.ForeignKey(
        "plans.Contract", on_delete=models.CASCADE, related_name="statement_mailings"
    )
    month = models.DateField(help_text="First day of the statement's month.")
    recipients = models.JSONField(default=list, help_text="Addresses the statement went to.")
    sent_at = models.DateTimeField(default=timezone.now)
    mails = models.ManyToManyField(
        "mail.OutboundMail",
        blank=True,
        related_name="+",
        help_text="The outbox rows, one per recipient: their state and why one was held.",
    )

    class Meta:
        ordering = ["-month", "contract_id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "month"], name="one_statement_mail_a_month")
        ]

    def __str__(self) -> str:
        return f"Statement {self.month:%Y-%m} of contract {self.contract_id}"
