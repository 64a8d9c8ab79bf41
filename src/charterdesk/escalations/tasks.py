from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .sweep import sweep


@periodic("remind-escalations", every=timedelta(minutes=15))
@task()
def remind_escalation_requests() -> dict[str, int]:
    """Bring unanswered escalation requests back to the management line (a scheduler job)."""
    with transaction.atomic(durable=True):
        result = sweep(timezone.now())
    return {"reminded": len(result.reminded)}
