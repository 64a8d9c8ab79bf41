from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .sweep import send_daily_digests


@periodic("community-daily-digests", every=timedelta(hours=1))
@task()
def community_daily_digests() -> dict[str, int]:
    """Mail the daily digests that are due (a scheduler job, hourly)."""
    return {"sent": send_daily_digests(timezone.now())}
