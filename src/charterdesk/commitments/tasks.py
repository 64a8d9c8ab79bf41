from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .sweep import sweep


@periodic("sweep-commitments", every=timedelta(minutes=1))
@task()
def sweep_commitments() -> dict[str, int]:
    """Remind, flag overdue and break expired promises (a scheduler job, every minute)."""
    result = sweep(timezone.now())
    return {
        "reminded": len(result.reminded),
        "overdue": len(result.overdue),
        "broken": len(result.broken),
    }
