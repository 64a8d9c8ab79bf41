"""Asking for a new model (the API and the model page): a TRAINING run now, the fit in the
background on commit. One run at a time."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from charterdesk.accounts.models import User

from .models import TriageModel, TriageSettings
from .selectors import check_manager, run_in_progress
from .services import triage_run_start
from .tasks import train_model


class TrainingBusyError(Exception):
    """A training run is already in progress."""


def triage_train_request(*, requested_by: User, reason: str, at: datetime) -> TriageModel:
    """Start a run for a manager and enqueue its fit once the caller's transaction commits;
    TrainingBusyError while another run is in progress."""
    check_manager(requested_by)
    if run_in_progress() is not None:
        raise TrainingBusyError("A training run is already in progress.")
    run = triage_run_start(requested_by=requested_by, reason=reason, at=at)
    transaction.on_commit(lambda: train_model.enqueue(run.pk))
    return run


def triage_settings_update(
    *,
    actor: User,
    precision_target: Decimal,
    apply_suggestions: bool,
    retrain_after: int,
    guard_unfamiliar: bool = True,
) -> TriageSettings:
    """Change the desk's triage settings (managers). A new precision target is used from
    the next training run on: the threshold is chosen when a model is trained."""
    check_manager(actor)
    row = TriageSettings.current()
    row.precision_target = precision_target
    row.apply_suggestions = apply_suggestions
    row.retrain_after = retrain_after
    row.guard_unfamiliar = guard_unfamiliar
    row.full_clean()
    if not Decimal("0.5") <= precision_target <= Decimal("0.999"):
        raise ValidationError({"precision_target": "Choose a target from 0.5 to 0.999."})
    row.save()
    return row
