from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .sweep import sweep_unauthorized


@periodic("tell-authorized", every=timedelta(minutes=1))
@task()
def tell_authorized_contacts() -> dict[str, int]:
    """Scheduler job: tell authorized contacts of refused requests (every minute)."""
    return {"told": sweep_unauthorized(timezone.now())}
