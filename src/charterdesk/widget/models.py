"""The help widget's records: the keys vendors sign tokens with, the token ids already
used (a token is accepted once), and the sessions the widget's iframe holds."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from charterdesk.customers.models import Contact

from . import crypto


def new_kid() -> str:
    return f"wk_{secrets.token_hex(8)}"


class WidgetKey(models.Model):
    """A signing key a vendor's backend uses for the widget's tokens (HS256). The secret is
    kept encrypted (crypto.py): it is needed to verify a signature, so it cannot be hashed;
    it is shown once, when the key is created. Several live keys allow a rotation."""

    name = models.CharField(max_length=100)
    kid = models.CharField(max_length=40, unique=True, default=new_kid)
    secret_encrypted = models.TextField()
    allowed_origins = models.JSONField(
        default=list, help_text="Sites that may embed the widget: https://app.vendor.example"
    )
    create_contacts = models.BooleanField(
        default=False,
        help_text="A token with an unknown address at a verified domain of its organization "
        "creates the contact; otherwise it is refused.",
    )
    anonymous_requests = models.BooleanField(
        default=False,
        help_text="Visitors without a token may send a request, confirmed by a mailed link.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.kid})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def secret(self) -> str:
        return crypto.decrypt(self.secret_encrypted)


class UsedToken(models.Model):
    """A token id (`jti`) already exchanged; kept until the token expires. The unique
    constraint makes two concurrent exchanges of one token end with one winner."""

    key = models.ForeignKey(WidgetKey, on_delete=models.CASCADE, related_name="+")
    jti = models.CharField(max_length=200)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "jti"], name="widget_token_used_once")
        ]

    def __str__(self) -> str:
        return f"{self.jti} (until {self.expires_at:%Y-%m-%d %H:%M})"


class WidgetSession(models.Model):
    """What a token is exchanged for: a bearer token the iframe keeps in memory, good for
    one contact's widget pages (never the desk, the portal or the API). Only a hash of
    the token is stored."""

    key = models.ForeignKey(WidgetKey, on_delete=models.CASCADE, related_name="sessions")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"widget session of {self.contact_id} until {self.expires_at:%Y-%m-%d %H:%M}"


class PendingRequest(models.Model):
    """A request from a visitor without a token (where the key allows it): it becomes a
    ticket only when the visitor confirms it from the link mailed to the address given.
    Only a hash of the link's token is stored."""

    key = models.ForeignKey(WidgetKey, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    name = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=250)
    body = models.TextField()
    request_type = models.CharField(max_length=16)
    token_hash = models.CharField(max_length=64, unique=True)
    visitor_hash = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        help_text="Hash of the visitor's pass: the widget that sent the request follows it "
        "(reads the public thread, replies) once it is confirmed.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.email}: {self.subject}"


class PendingFile(models.Model):
    """A file sent with a visitor's request, kept until the request is confirmed (then it
    becomes an attachment of the ticket's first message) or swept with it."""

    pending = models.ForeignKey(PendingRequest, on_delete=models.CASCADE, related_name="files")
    blob = models.ForeignKey("mail.Blob", on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()

    def __str__(self) -> str:
        return self.filename


class UploadCount(models.Model):
    """Files visitors (no token) sent in one clock hour, per client address (`ip:…`) and
    per widget key (`key:…`): upload_limits.py counts them in one upsert each, so the
    count holds across every web process; the widget's sweep forgets past hours."""

    scope = models.CharField(max_length=80)
    hour = models.BigIntegerField(help_text="Hours since the epoch (UTC).")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "hour"], name="widget_upload_count_once")
        ]
        indexes = [models.Index(fields=["hour"], name="widget_upload_count_hour")]

    def __str__(self) -> str:
        return f"{self.scope} {self.hour}: {self.count}"
