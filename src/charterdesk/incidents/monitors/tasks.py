"""The monitors' periodic job, registered by the incidents app."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .sweep import sweep


@periodic("check-monitors", every=timedelta(minutes=1))
@task()
def check_monitors() -> dict[str, int]:
    """Check the monitors that are due (every minute; each monitor has its own interval)."""
    return {"checked": len(sweep(timezone.now()))}
