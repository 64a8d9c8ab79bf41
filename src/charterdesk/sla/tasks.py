"""Background SLA work: the periodic sweep."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .sweep import sweep


@periodic("sweep-sla-clocks", every=timedelta(minutes=1))
@task()
def sweep_sla_clocks() -> dict[str, int]:
    """Warn and breach due clocks (a scheduler job, every minute)."""
    result = sweep(timezone.now())
    return {"warned": len(result.warned), "breached": len(result.breached)}
