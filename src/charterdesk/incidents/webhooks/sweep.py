"""Sending deliveries: claim the due ones (a conditional UPDATE with this run's token, so
two workers never send one twice), POST each outside any transaction, record the answer.
A failure is retried with backoff until the delivery's attempts run out; an endpoint that
fails WEBHOOKS_DISABLE_AFTER times in a row is turned off and the managers are told."""

import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Role
from charterdesk.mail.outbox import mail_queue

from . import posting
from .models import DeliveryState, WebhookDelivery, WebhookEndpoint, WebhookEvent

BATCH = 50
LEASE = timedelta(minutes=5)  # a claim older than this was lost with its worker
KEEP = timedelta(days=30)  # delivered rows
KEEP_FAILED = timedelta(days=90)  # rows that gave up, for a look at what was lost
BACKOFF_MINUTES = (1, 5, 15, 60, 180, 360, 720)


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt."""
    return timedelta(minutes=BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1])


def claim(now: datetime, ids: Sequence[int] | None = None, limit: int = BATCH) -> list[int]:
    """Claim due deliveries of active endpoints (only `ids` when given); returns their ids.
    Uses the partial index `webhook_delivery_due`."""
    due = WebhookDelivery.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - LEASE),
        state=DeliveryState.PENDING,
        next_attempt_at__lte=now,
        endpoint__is_active=True,
    )
    if ids is not None:
        due = due.filter(pk__in=list(ids))
    candidates = list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    if not candidates:
        return []
    token = secrets.token_hex(16)
    due.filter(pk__in=candidates).update(claim_token=token, claimed_at=now)
    claimed = WebhookDelivery.objects.filter(claim_token=token).order_by("next_attempt_at", "pk")
    return list(claimed.values_list("pk", flat=True))


def attempt(delivery_id: int, now: datetime) -> WebhookDelivery:
    """Send one claimed delivery and record the answer (a ping goes even to an endpoint
    that is off, to test it before turning it on again)."""
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    endpoint = delivery.endpoint
    if not endpoint.is_active and delivery.event != WebhookEvent.PING:
        # turned off since the claim: the delivery waits until it is turned on again
        WebhookDelivery.objects.filter(pk=delivery_id).update(claimed_at=None, claim_token="")
        return delivery
    answer = posting.post(
        endpoint.url,
        delivery.body.encode(),
        secret=endpoint.secret,
        headers={"CharterDesk-Event": delivery.event, "CharterDesk-Delivery": str(delivery.pk)},
        timeout=settings.WEBHOOKS_TIMEOUT_SECONDS,
    )
    with transaction.atomic():
        record(delivery, answer, now)
    return delivery


def record(delivery: WebhookDelivery, answer: posting.Answer, now: datetime) -> None:
    delivery.attempts += 1
    delivery.last_attempt_at, delivery.claimed_at, delivery.claim_token = now, None, ""
    delivery.response_code = answer.status
    delivery.response_excerpt = answer.excerpt[:500]
    delivery.error = answer.error or ("" if answer.ok else f"HTTP {answer.status}")
    endpoint = WebhookEndpoint.objects.filter(pk=delivery.endpoint_id)
    if answer.ok:
        delivery.state, delivery.delivered_at = DeliveryState.SUCCEEDED, now
        endpoint.update(consecutive_failures=0)
    else:
        if delivery.attempts >= delivery.max_attempts:
            delivery.state = DeliveryState.FAILED
        else:
            delivery.next_attempt_at = now + backoff(delivery.attempts)
        endpoint.update(consecutive_failures=F("consecutive_failures") + 1)
        _disable_if_failing(delivery.endpoint_id, delivery.error, now)
    delivery.save()


def _disable_if_failing(endpoint_id: int, error: str, now: datetime) -> None:
    limit = settings.WEBHOOKS_DISABLE_AFTER
    reason = f"Turned off after {limit} failed deliveries in a row; the last: {error}"[:300]
    turned_off = WebhookEndpoint.objects.filter(
        pk=endpoint_id, is_active=True, consecutive_failures__gte=limit
    ).update(is_active=False, disabled_at=now, disabled_reason=reason)
    if turned_off == 1:  # only the worker that turned it off tells the managers
        endpoint = WebhookEndpoint.objects.get(pk=endpoint_id)
        managers = User.objects.filter(role=Role.MANAGER, is_active=True).order_by("email")
        mail_queue(
            to=list(managers.values_list("email", flat=True)),
            template="incidents/webhooks/mail/endpoint_disabled",
            context={"endpoint": endpoint, "now": now},
        )


def sweep(now: datetime) -> list[int]:
    """Send every due delivery; returns the ids attempted."""
    attempted: list[int] = []
    while True:
        with transaction.atomic():
            ids = claim(now)
        for delivery_id in ids:
            attempt(delivery_id, now)
        attempted.extend(ids)
        if len(ids) < BATCH:
            break
    WebhookDelivery.objects.filter(
        Q(state=DeliveryState.SUCCEEDED, created_at__lt=now - KEEP)
        | Q(state=DeliveryState.FAILED, created_at__lt=now - KEEP_FAILED)
    ).delete()
    return attempted
