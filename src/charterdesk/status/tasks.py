"""The status page's periodic job: reminders before maintenance."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .sweep import maintenance_remind


@periodic("remind-maintenance", every=timedelta(minutes=5))
@task()
def remind_maintenance() -> dict[str, int]:
    """Remind subscribers of the windows starting within the hour (every 5 minutes)."""
    return {"reminded": len(maintenance_remind(timezone.now()))}
