from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .import_runs import import_run_execute
from .spikes import sweep as spikes


@periodic("detect-ticket-spikes", every=timedelta(minutes=5))
@task()
def detect_ticket_spikes() -> dict[str, int]:
    """Similar tickets from several organizations above their usual rate: a suspected
    incident, with the tickets linked."""
    result = spikes.sweep(timezone.now())
    return {"raised": len(result.raised), "linked": result.linked}


@task()
def import_tickets(run_id: int) -> dict[str, object]:
    """Import the past tickets a manager uploaded (import_runs)."""
    run = import_run_execute(run_id)
    return {"run": run_id, "status": run.status if run else "skipped"}
