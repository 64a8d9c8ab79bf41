"""The daily digest: members whose digest setting is "daily" get one mail a day listing
the followed topics with new posts since the last one (only topics they may read).

Each member is claimed with a conditional UPDATE on `digest_sent_at`, so two schedulers
never send the same digest twice."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from charterdesk.mail.outbox import mail_queue

from .models import Digest, Member
from .selectors import topics_visible_to
from .services.notify import unsubscribe_token

DAY = timedelta(days=1)
MAX_TOPICS = 20


def send_daily_digests(now: datetime) -> int:
    """Send the digests that are due; returns how many mails were queued."""
    due = Member.objects.filter(
        Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lte=now - DAY), digest=Digest.DAILY
    ).select_related("user")
    sent = 0
    for member in due.iterator(chunk_size=200):
        with transaction.atomic():
            sent += _digest(member, now)
    return sent


def _digest(member: Member, now: datetime) -> int:
    claimed = Member.objects.filter(pk=member.pk, digest_sent_at=member.digest_sent_at)
    if member.digest_sent_at is None:
        claimed = Member.objects.filter(pk=member.pk, digest_sent_at__isnull=True)
    if not claimed.update(digest_sent_at=now):
        return 0  # another scheduler took it
    since = member.digest_sent_at or now - DAY
    topics = list(
        topics_visible_to(member.user)
        .filter(follows__member=member.user, last_posted_at__gt=since)
        .exclude(last_posted_at__gt=now)
        .order_by("-last_posted_at")[:MAX_TOPICS]
    )
    if not topics or not member.user.is_active:
        return 0
    rows = [(t, reverse("community:topic", args=[t.pk])) for t in topics]
    mail_queue(
        to=member.user.email,
        template="community/mail/digest",
        context={
            "rows": rows,
            "unsubscribe_url": reverse(
                "community:unsubscribe", args=[unsubscribe_token("member", member.user_id)]
            ),
        },
    )
    return 1
