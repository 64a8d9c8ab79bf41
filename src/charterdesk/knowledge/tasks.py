from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .sweep import remind_stale


@periodic("remind-stale-articles", every=timedelta(hours=6))
@task()
def remind_stale_articles() -> dict[str, int]:
    """Remind owners of articles past their review-by date (a scheduler job)."""
    return {"reminded": len(remind_stale(timezone.localdate()))}
