"""Background work of the incident process: the periodic sweep, and notice delivery."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .delivery import deliver_notices as deliver_notices
from .monitors.tasks import check_monitors as check_monitors
from .sweep import sweep
from .webhooks.tasks import retry_webhooks as retry_webhooks


@periodic("sweep-incidents", every=timedelta(minutes=1))
@task()
def sweep_incidents() -> dict[str, int]:
    """Delayed first alerts, update reminders, missed updates and post-mortem
    follow-through (every minute)."""
    result = sweep(timezone.now())
    return {
        "alerted": len(result.alerted),
        "reminded": len(result.reminded),
        "missed": len(result.missed),
        "actions_reminded": len(result.actions_reminded),
        "actions_overdue": len(result.actions_overdue),
        "postmortems_chased": len(result.postmortems_chased),
    }
