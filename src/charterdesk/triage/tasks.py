from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .apply import triage_new_ticket
from .sweep import retrain_if_grown, train_run


@task()
def triage_ticket(ticket_id: int) -> dict[str, object]:
    """Suggest a category for a new ticket, and apply it when the model is confident."""
    found = triage_new_ticket(ticket_id)
    if found is None:
        return {"ticket": ticket_id, "triaged": False}
    return {"ticket": ticket_id, "abstained": found.abstained, "applied": found.applied}


@task()
def triage_tickets(ticket_ids: list[int]) -> dict[str, object]:
    """`triage_ticket` for each of a batch's new tickets (mail ingest), in order; one
    failing never stops the others (triage_new_ticket logs it)."""
    triaged = sum(triage_new_ticket(ticket_id) is not None for ticket_id in ticket_ids)
    return {"tickets": len(ticket_ids), "triaged": triaged}


@task()
def train_model(run_id: int) -> dict[str, object]:
    """Complete the training run `run_id` (enqueued by the API and the model page)."""
    run = train_run(run_id, timezone.now())
    return {"version": run.version, "status": run.status} if run else {"skipped": run_id}


@periodic("retrain-triage-model", every=timedelta(hours=6))
@task()
def retrain_triage_model() -> dict[str, object]:
    """Retrain when the history has grown (every 6 hours)."""
    run = retrain_if_grown(timezone.now())
    return {"version": run.version, "status": run.status} if run else {"retrained": 0}
