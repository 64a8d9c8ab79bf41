"""Tables of sign-in: the sessions a person is signed in with, and invitations.

Kept apart from models.py (users, roles, tokens); models.py imports them so Django sees
them as the accounts app's models."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class SignInSession(models.Model):
    """One browser signed in to one account, listed on the account page so its owner can
    sign it out. The session itself is Django's; this row names it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    user_agent = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    signed_in_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"{self.user_id} since {self.signed_in_at:%Y-%m-%d %H:%M}"


class Invitation(models.Model):
    """A new account waiting for its owner to set a password through a mailed link. The
    account stays inactive until then."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"invitation {self.pk} for user {self.user_id}"


class PasswordResetRequest(models.Model):
    """One "forgot your password" form sent, for any address (known or not), so the reset
    mails can be throttled per address and per client across every web process."""

    email = models.CharField(max_length=254)
    client = models.CharField(max_length=45, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["email", "requested_at"], name="reset_by_email"),
            models.Index(fields=["client", "requested_at"], name="reset_by_client"),
            models.Index(fields=["requested_at"], name="reset_by_time"),
        ]

    def __str__(self) -> str:
        return f"reset asked for {self.email} at {self.requested_at:%Y-%m-%d %H:%M}"
