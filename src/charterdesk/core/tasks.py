from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

from . import idempotency
from .schedule import periodic


@periodic("prune-task-results", every=timedelta(days=1))
@task()
def prune_task_results() -> None:
    """Forget finished background task results after two weeks (a scheduler job)."""
    call_command("prune_db_task_results", min_age_days=14, verbosity=0)


@periodic("prune-idempotency-keys", every=timedelta(hours=1))
@task()
def prune_idempotency_keys() -> dict[str, int]:
    """Forget Idempotency-Keys of API writes after 24 hours (a scheduler job)."""
    return {"pruned": idempotency.prune(timezone.now())}
