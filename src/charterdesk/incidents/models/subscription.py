"""Status-page subscribers: people who asked, by mail, to hear about some public services.

A subscriber is an address, not an account. It counts once confirmed (double opt-in: the
confirmation link was followed); `token` is the secret of the manage / unsubscribe link
printed in every notice and in its List-Unsubscribe header."""

import secrets

from django.db import models
from django.utils import timezone

from .catalog import Service


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    email = models.EmailField(unique=True, help_text="Stored in lower case.")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    services = models.ManyToManyField(Service, through="Subscription", related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.email


class Subscription(models.Model):
    """One service a subscriber hears about (a service's parts come with it)."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="subscriptions")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "service"], name="subscription_unique")
        ]
        # The fan-out looks subscribers up by service.
        indexes = [models.Index(fields=["service", "subscriber"], name="subscription_by_service")]

    def __str__(self) -> str:
        return f"{self.subscriber_id} -> {self.service_id}"


class SubscribeRequest(models.Model):
    """One subscribe request, counted to limit them per address and per client."""

    email = models.CharField(max_length=254)
    client = models.CharField(max_length=64, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["requested_at"], name="subscribe_request_at")]

    def __str__(self) -> str:
        return f"{self.email} {self.requested_at:%Y-%m-%d %H:%M}"
