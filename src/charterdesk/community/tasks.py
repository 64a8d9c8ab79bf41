from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .limits import rate_counts_prune
from .sweep import send_daily_digests


@periodic("community-daily-digests", every=timedelta(hours=1))
@task()
def community_daily_digests() -> dict[str, int]:
    """Mail the daily digests that are due, and drop the rate counters of past hours (a
    scheduler job, hourly)."""
    now = timezone.now()
    # The same hourly job forgets the vote and flag counters of past hours.
    return {"sent": send_daily_digests(now), "rate_counts_pruned": rate_counts_prune(now)}
