from django.utils import timezone
from django_tasks import task

from .sweep import sweep


@task()
def sweep_commitments() -> dict[str, int]:
    """Remind, flag overdue and break expired promises (a scheduler job, every minute)."""
    result = sweep(timezone.now())
    return {
        "reminded": len(result.reminded),
        "overdue": len(result.overdue),
        "broken": len(result.broken),
    }
