"""Per-member hourly limits on votes and flags (COMMUNITY_VOTES_PER_HOUR,
COMMUNITY_FLAGS_PER_HOUR; staff have none). Each action is one upsert of a counter per
member, action and clock hour, `INSERT … ON CONFLICT DO UPDATE … RETURNING` on SQLite and
PostgreSQL alike, so the count holds across every web process and costs one statement.
A refused action rolls back with the caller's transaction and is not counted."""

from datetime import datetime

from django.conf import settings
from django.db import connection
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.core.limits import RateLimitError

from .models import RateCount

HOUR = 3600
VOTE = "vote"
FLAG = "flag"
WORDS = {VOTE: "votes", FLAG: "flags"}
_UPSERT = (  # the table of RateCount
    "INSERT INTO community_ratecount (user_id, action, hour, count) "
    "VALUES (%s, %s, %s, 1) ON CONFLICT (user_id, action, hour) "
    "DO UPDATE SET count = community_ratecount.count + 1 RETURNING count"
)


def _limit(action: str) -> int:
    return int(
        settings.COMMUNITY_VOTES_PER_HOUR if action == VOTE else settings.COMMUNITY_FLAGS_PER_HOUR
    )


def rate_check(user: User, action: str, now: datetime | None = None) -> None:
    """Count one `action` (VOTE or FLAG) of `user` in this clock hour; RateLimitError past
    the setting, saying when they may go on."""
    if user.is_agent:
        return
    seconds = int((now or timezone.now()).timestamp())
    hour = seconds // HOUR
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, [user.pk, action, hour])
        count = cursor.fetchone()[0]
    limit = _limit(action)
    if count > limit:
        wait = (hour + 1) * HOUR - seconds
        raise RateLimitError(
            f"You reached the limit of {limit} {WORDS[action]} an hour; "
            f"try again in {max(1, wait // 60)} min.",
            retry_after=wait,
        )


def rate_counts_prune(now: datetime) -> int:
    """Forget the counters of past hours (the hourly job)."""
    deleted, _ = RateCount.objects.filter(hour__lt=int(now.timestamp()) // HOUR).delete()
    return deleted
