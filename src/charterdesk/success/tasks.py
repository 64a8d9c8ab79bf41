from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .onboarding import onboard_new_contracts
from .sweep import sweep


@periodic("sweep-playbook-tasks", every=timedelta(minutes=15))
@task()
def sweep_playbook_tasks() -> dict[str, int]:
    """Remind task owners the day before, and when a task is overdue; account owners a week
    before a review."""
    result = sweep(timezone.now())
    return {
        "reminded": len(result.reminded),
        "overdue": len(result.overdue),
        "reviews": len(result.reviews),
    }


@periodic("onboard-new-contracts", every=timedelta(hours=1))
@task()
def onboard_contracts() -> dict[str, int]:
    """Run the default onboarding playbook for contracts that just started."""
    return {"started": len(onboard_new_contracts(timezone.now()))}
