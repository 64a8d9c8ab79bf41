"""Training runs as background work: one run by id (API, page button), and the scheduled
retrain when the desk's history has grown enough since the serving model was trained."""

from datetime import datetime

from django.db import transaction

from .categories import training_ticket_count, training_tickets
from .models import ModelStatus, TriageModel, TriageSettings
from .selectors import run_in_progress
from .services import triage_run_complete, triage_run_start


def train_run(run_id: int, now: datetime) -> TriageModel | None:
    """Complete a started run; None when it is gone or no longer in training."""
    run = TriageModel.objects.filter(pk=run_id, status=ModelStatus.TRAINING).first()
    if run is None:
        return None
    tickets = training_tickets()  # read before the fit, outside any transaction
    with transaction.atomic():
        return triage_run_complete(run, tickets=tickets, at=now)


def retrain_if_grown(now: datetime) -> TriageModel | None:
    """A new model when the training tickets grew by the settings' `retrain_after` since
    the last run (or none was ever trained); None when nothing was due."""
    if run_in_progress() is not None:
        return None
    count = training_ticket_count()
    last = TriageModel.objects.exclude(status=ModelStatus.TRAINING).order_by("-version").first()
    grown = count - (last.training_size if last else 0)
    if last is not None and grown < TriageSettings.current().retrain_after:
        return None
    if last is None and count == 0:
        return None
    tickets = training_tickets()
    with transaction.atomic():
        run = triage_run_start(requested_by=None, reason="scheduled", at=now)
    with transaction.atomic():
        return triage_run_complete(run, tickets=tickets, at=now)
