"""Claiming a mailbox for one polling round, and recording how the round went.

A poller claims a mailbox with a conditional UPDATE that sets a lease (a token and an
expiry): any number of schedulers and workers can poll at once, and a mailbox is read by
one of them at a time. Each step of a round is one UPDATE guarded by the token, so a
poller that lost its lease (it ran past the expiry) stops instead of racing the next one."""

import secrets
from datetime import datetime, timedelta

from django.db.models import F, Q
from django.utils import timezone

from .models import Mailbox

LEASE = timedelta(minutes=5)
BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=1)


def backoff(failures: int) -> timedelta:
    """1, 2, 4, 8 … minutes after consecutive failures, at most an hour."""
    return min(BACKOFF_FIRST * 2 ** max(failures - 1, 0), BACKOFF_MAX)


def mailbox_claim(mailbox: Mailbox, now: datetime, *, force: bool = False) -> str | None:
    """Take the mailbox for a round; its lease token, or None when another poller has it
    (or, unless `force`, when it is backing off after failures)."""
    token = secrets.token_hex(16)
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now)
    due = Q() if force else Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    taken = Mailbox.objects.filter(free, due, pk=mailbox.pk, enabled=True).update(
        lease_token=token, lease_until=now + LEASE
    )
    return token if taken == 1 else None


def mailbox_advance(mailbox: Mailbox, token: str, *, uidvalidity: int, last_uid: int) -> bool:
    """Remember how far the round got and extend the lease; False if the lease was lost."""
    updated = Mailbox.objects.filter(pk=mailbox.pk, lease_token=token).update(
        uidvalidity=uidvalidity, last_uid=last_uid, lease_until=timezone.now() + LEASE
    )
    mailbox.uidvalidity, mailbox.last_uid = uidvalidity, last_uid
    return updated == 1


def mailbox_failed_on(mailbox: Mailbox, uid: int) -> int:
    """Count a round in which message `uid` could not be stored; how many in a row."""
    rounds = mailbox.failing_rounds + 1 if mailbox.failing_uid == uid else 1
    Mailbox.objects.filter(pk=mailbox.pk).update(failing_uid=uid, failing_rounds=rounds)
    mailbox.failing_uid, mailbox.failing_rounds = uid, rounds
    return rounds


def mailbox_release(mailbox: Mailbox, token: str, *, error: str = "") -> None:
    """End the round: clear the lease; on error count the failure and back off."""
    now = timezone.now()
    mine = Mailbox.objects.filter(pk=mailbox.pk, lease_token=token)
    if not error:
        mine.update(
            lease_token="",
            lease_until=None,
            last_polled_at=now,
            last_error="",
            failures=0,
            next_poll_at=None,
        )
        return
    failures = mailbox.failures + 1
    mine.update(
        lease_token="",
        lease_until=None,
        last_polled_at=now,
        last_error=error[:2000],
        failures=F("failures") + 1,
        next_poll_at=now + backoff(failures),
    )
