from django.utils import timezone
from django_tasks import task

from .sweep import sweep_unauthorized


@task()
def tell_authorized_contacts() -> dict[str, int]:
    """Scheduler job: tell authorized contacts of refused requests (every minute)."""
    return {"told": sweep_unauthorized(timezone.now())}
