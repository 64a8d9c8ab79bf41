"""Background work of plans: plan versions take effect on their day."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .sweep import apply_due_versions


@periodic("apply-plan-versions", every=timedelta(minutes=1))
@task()
def apply_plan_versions() -> dict[str, int]:
    """Apply the plan versions whose day has come (a scheduler job, every minute)."""
    return {"applied": len(apply_due_versions(timezone.now()))}
