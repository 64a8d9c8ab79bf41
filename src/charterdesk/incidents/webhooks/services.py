"""Writes of outgoing webhooks: endpoints (managers), and the events the incident process
emits (`webhooks_emit`: one delivery per subscribed endpoint, sent on commit). The caller
owns the transaction."""

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm

from . import guard
from .models import (
    SUBSCRIBABLE,
    DeliveryState,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
    new_secret,
)
from .payloads import body
from .tasks import deliver_webhooks

EDITABLE = ("name", "url", "events", "is_active")


def _check_manager(actor: User) -> None:
    if not actor.has_perm(Perm.MANAGE_SERVICES):
        raise PermissionDenied("Only support managers set up webhooks.")


def _check_url(url: str) -> None:
    host = urlsplit(url).hostname or ""
    why = guard.literal_problem(host)
    if why:
        raise ValidationError({"url": f"Webhooks cannot go to {why}."})


def endpoint_create(
    actor: User,
    *,
    name: str,
    url: str,
    events: list[str],
    now: datetime,
    secret: str = "",
    is_active: bool = True,
) -> WebhookEndpoint:
    """A new endpoint; without a secret one is generated (shown once by the caller)."""
    _check_manager(actor)
    _check_url(url)
    endpoint = WebhookEndpoint(
        name=name.strip(),
        url=url.strip(),
        events=_ordered(events),
        secret=secret or new_secret(),
        is_active=is_active,
        created_by=actor,
        created_at=now,
    )
    endpoint.save()
    return endpoint


def endpoint_update(actor: User, endpoint: WebhookEndpoint, **fields: Any) -> WebhookEndpoint:
    """Change the given fields; a `secret` replaces the old one when not empty. Turning
    an endpoint back on clears its failure count."""
    _check_manager(actor)
    was_active = endpoint.is_active
    for name in EDITABLE:
        if name in fields and fields[name] is not None:
            value = fields[name]
            setattr(endpoint, name, _ordered(value) if name == "events" else value)
    if fields.get("secret"):
        endpoint.secret = fields["secret"]
    if endpoint.is_active and not was_active:
        endpoint.consecutive_failures, endpoint.disabled_at, endpoint.disabled_reason = 0, None, ""
    _check_url(endpoint.url)
    endpoint.save()
    return endpoint


def endpoint_delete(actor: User, endpoint: WebhookEndpoint) -> None:
    _check_manager(actor)
    endpoint.delete()


def endpoint_ping(actor: User, endpoint: WebhookEndpoint, now: datetime) -> WebhookDelivery:
    """A test delivery (event `ping`, one attempt), claimed by the caller, who sends it
    after commit with `sweep.attempt`."""
    _check_manager(actor)
    data = {
        "endpoint": {"id": endpoint.pk, "name": endpoint.name},
        "text": "Hello from CharterDesk",
    }
    return WebhookDelivery.objects.create(
        endpoint=endpoint,
        event=WebhookEvent.PING,
        body=body(WebhookEvent.PING, data, now),
        max_attempts=1,
        next_attempt_at=now,
        claimed_at=now,
        claim_token="ping",  # noqa: S106 - a claim marker, not a password
        created_at=now,
    )


def delivery_resend(actor: User, delivery: WebhookDelivery, now: datetime) -> None:
    """A delivery that gave up gets one more attempt, sent on commit (after the receiver
    was fixed)."""
    _check_manager(actor)
    if delivery.state != DeliveryState.FAILED:
        raise ValidationError({"state": "Only a delivery that gave up is sent again."})
    delivery.state, delivery.next_attempt_at = DeliveryState.PENDING, now
    delivery.max_attempts = delivery.attempts + 1
    delivery.save(update_fields=["state", "next_attempt_at", "max_attempts"])
    transaction.on_commit(lambda: deliver_webhooks.enqueue([delivery.pk]))


def webhooks_emit(event: WebhookEvent, data: dict[str, Any], now: datetime) -> list[int]:
    """Queue `event` for every active endpoint that chose it; sent on commit, retried by
    the `retry-webhooks` job. Returns the deliveries' ids."""
    endpoints = [e for e in WebhookEndpoint.objects.filter(is_active=True) if event in e.events]
    if not endpoints:
        return []
    text = body(event, data, now)
    rows = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=e, event=event, body=text, next_attempt_at=now, created_at=now)
        for e in endpoints
    )
    ids = [row.pk for row in rows]
    transaction.on_commit(lambda: deliver_webhooks.enqueue(ids))
    return ids


def _ordered(events: list[str]) -> list[str]:
    chosen = set(events)
    unknown = chosen - set(SUBSCRIBABLE)
    return [e.value for e in SUBSCRIBABLE if e in chosen] + sorted(unknown)
