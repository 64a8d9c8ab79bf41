"""What the desk received and sent by mail. Raw messages are kept, content-addressed, so
nothing that arrived is ever lost and anything can be processed again."""

from django.db import models
from django.utils import timezone


class Blob(models.Model):
    """Bytes stored once per SHA-256: raw messages and attachments."""

    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveBigIntegerField()
    data = models.BinaryField()

    def __str__(self) -> str:
        return f"{self.sha256[:12]} ({self.size} bytes)"


class Outcome(models.TextChoices):
    PENDING = "pending", "Stored, not processed yet"
    TICKET_CREATED = "ticket_created", "Ticket created"
    MESSAGE_ADDED = "message_added", "Message added to a ticket"
    IGNORED = "ignored", "Recorded, no ticket change"
    QUARANTINED = "quarantined", "Quarantined"


class InboundMail(models.Model):
    """One received message and what became of it."""

    raw = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="inbound")
    source = models.CharField(max_length=500, help_text="Where it came from: file, mailbox.")
    message_id = models.CharField(max_length=500, blank=True, db_index=True)
    content_hash = models.CharField(
        max_length=64, help_text="SHA-256 of the message without its transport headers."
    )
    from_address = models.CharField(max_length=320, blank=True)
    subject = models.CharField(max_length=500, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    reason = models.CharField(max_length=500, blank=True)
    ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="mails"
    )
    ticket_message = models.OneToOneField(
        "tickets.Message",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inbound_mail",
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    received_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["message_id", "content_hash"], name="inbound_once_per_message"
            )
        ]
        indexes = [models.Index(fields=["outcome", "id"], name="inbound_by_outcome")]

    def __str__(self) -> str:
        return f"{self.from_address}: {self.subject} ({self.outcome})"


class Attachment(models.Model):
    """A file that came with a received mail (`inbound`) or that a customer attached to a
    message in the portal (`message`): exactly one of the two."""

    inbound = models.ForeignKey(
        InboundMail,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    message = models.ForeignKey(
        "tickets.Message",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="uploads",
        help_text="The portal message this file was attached to.",
    )
    blob = models.ForeignKey(Blob, null=True, blank=True, on_delete=models.PROTECT)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    content_id = models.CharField(max_length=255, blank=True)
    inline = models.BooleanField(default=False)
    note = models.CharField(max_length=200, blank=True, help_text="e.g. why it was not kept.")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(inbound__isnull=False, message__isnull=True)
                | models.Q(inbound__isnull=True, message__isnull=False),
                name="attachment_of_mail_or_message",
            )
        ]

    def __str__(self) -> str:
        return self.filename


class Direction(models.TextChoices):
    IN = "in", "Received"
    OUT = "out", "Sent"


class MailReference(models.Model):
    """Every Message-ID the desk has seen or sent, and its ticket: replies thread by it."""

    message_id = models.CharField(max_length=500, db_index=True)
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="+")
    direction = models.CharField(max_length=4, choices=Direction.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["ticket", "id"], name="mailref_by_ticket")]

    def __str__(self) -> str:
        return f"{self.message_id} → #{self.ticket_id}"


class MailKind(models.TextChoices):
    REPLY = "reply", "Reply by an agent"
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    NOTIFICATION = "notification", "Notification"


class Delivery(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    RETRYING = "retrying", "Will retry"
    FAILED = "failed", "Failed"
    BOUNCED = "bounced", "Bounced"
    UNCERTAIN = "uncertain", "Uncertain: the worker stopped while sending"
    SUPPRESSED = "suppressed", "Not sent"
    OPTED_OUT = "opted_out", "Not sent: the recipient opted out"


class OutboundMail(models.Model):
    """The outbox: a row per mail, written in the same transaction as the change that
    causes it and sent by the worker. A row is sent at most once."""

    ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="outbox"
    )
    kind = models.CharField(max_length=16, choices=MailKind.choices)
    automatic = models.BooleanField(default=True)
    recipient = models.CharField(max_length=320, db_index=True, help_text="The first address.")
    to = models.JSONField(default=list)
    subject = models.CharField(max_length=500)
    text = models.TextField()
    html = models.TextField(blank=True)
    message_id = models.CharField(max_length=500, unique=True)
    headers = models.JSONField(default=dict)
    state = models.CharField(max_length=16, choices=Delivery.choices, default=Delivery.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["recipient", "created_at"], name="outbox_by_recipient"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient} ({self.state})"
