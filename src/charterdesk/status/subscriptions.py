"""Subscriptions to the status page by mail: ask, confirm (double opt-in), change, stop.

Asking never changes a confirmed subscription (anyone can type any address): a new or
unconfirmed address gets a confirmation link, signed and valid CONFIRM_DAYS days; a
confirmed one gets its manage link instead. Requests are counted per address and per
client over an hour; past the limit nothing is mailed and the page answers the same, so
the form tells nobody who subscribed. Confirmed subscribers get the notices
(`incidents.subscriber_fanout`); their manage link carries their secret token."""

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError

from charterdesk.incidents.models import Service, Subscriber, SubscribeRequest, Subscription
from charterdesk.incidents.subscriber_fanout import manage_base
from charterdesk.mail.addresses import address_problem
from charterdesk.mail.outbox import mail_queue

log = logging.getLogger(__name__)
SALT = "charterdesk.status.subscribe"
CONFIRM_DAYS = 3
WINDOW = timedelta(hours=1)


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def subscribe_allowed(email: str, client: str, now: datetime) -> bool:
    """Record this request; True while the address and the client are under their
    hourly limits (STATUS_SUBSCRIBE_PER_ADDRESS, 3; STATUS_SUBSCRIBE_PER_CLIENT, 20)."""
    SubscribeRequest.objects.filter(requested_at__lt=now - WINDOW).delete()
    recent = SubscribeRequest.objects.filter(requested_at__gte=now - WINDOW)
    for_address = recent.filter(email=email).count()
    from_client = recent.filter(client=client).count() if client else 0
    SubscribeRequest.objects.create(email=email, client=client[:64], requested_at=now)
    allowed = for_address < _limit("STATUS_SUBSCRIBE_PER_ADDRESS", 3) and from_client < _limit(
        "STATUS_SUBSCRIBE_PER_CLIENT", 20
    )
    if not allowed:
        log.warning("status subscription for %s from %s not mailed: over the limit", email, client)
    return allowed


def confirm_link(subscriber: Subscriber) -> str:
    signed = signing.dumps({"s": subscriber.pk, "t": subscriber.token[:16]}, salt=SALT)
    return f"{settings.SITE_URL.rstrip('/')}/status/subscriptions/confirm/{signed}"


def manage_link(subscriber: Subscriber) -> str:
    return manage_base() + subscriber.token


def _check_services(services: Sequence[Service]) -> None:
    if not services:
        raise ValidationError({"services": "Choose at least one service."})
    if any(not service.is_public for service in services):
        raise ValidationError({"services": "Choose among the services on the status page."})


def subscriber_request(
    *, email: str, services: Sequence[Service], client: str, now: datetime
) -> None:
    """Someone asks for notices about `services` at `email` (see the module)."""
    email = email.strip().lower()
    problem = address_problem(email)
    if problem:
        raise ValidationError({"email": problem})
    _check_services(services)
    if not subscribe_allowed(email, client, now):
        return
    stale = now - timedelta(days=CONFIRM_DAYS)
    Subscriber.objects.filter(confirmed_at__isnull=True, created_at__lt=stale).delete()
    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is not None and subscriber.confirmed_at is not None:
        context: dict[str, object] = {
            "manage_link": manage_link(subscriber),
            "services": subscriber.services.all(),
        }
        mail_queue(to=email, template="status/mail/subscribe_already", context=context)
        return
    if subscriber is None:
        subscriber = Subscriber.objects.create(email=email, created_at=now)
    subscriber.services.set(services)
    context = {
        "confirm_link": confirm_link(subscriber),
        "services": services,
        "days": CONFIRM_DAYS,
    }
    mail_queue(to=email, template="status/mail/subscribe_confirm", context=context)


def subscriber_from_link(signed: str) -> Subscriber | None:
    """The subscriber a confirmation link names, or None (expired, altered, gone)."""
    try:
        data = signing.loads(signed, salt=SALT, max_age=timedelta(days=CONFIRM_DAYS))
        pk, token = int(data["s"]), str(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return Subscriber.objects.filter(pk=pk, token__startswith=token).first()


def subscriber_confirm(subscriber: Subscriber, now: datetime) -> None:
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = now
        subscriber.save(update_fields=["confirmed_at"])


def subscriber_change(subscriber: Subscriber, services: Sequence[Service]) -> None:
    _check_services(services)
    subscriber.services.set(services)


def subscriber_unsubscribe(subscriber: Subscriber) -> None:
    """Stop every notice: the subscriber and their link are gone."""
    Subscription.objects.filter(subscriber=subscriber).delete()
    subscriber.delete()
