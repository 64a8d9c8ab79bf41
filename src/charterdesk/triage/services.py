"""Training runs: start one (a TRAINING record the page shows at once), then complete it
(fit, measure on the held-out recent tickets, store the model, mark it READY). The fit
happens outside any transaction: the serving model keeps serving meanwhile, and the new
one takes over the moment its record is saved as READY.

Callers: `charterdesk triage train`, the train task (API, page button, scheduled retrain)
and the demo data. They own the transactions."""

import time
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max

from charterdesk.accounts.models import User

from . import engine
from .models import ModelStatus, TriageModel, TriageSettings
from .runtime import REQUEST_TYPE, embed


@dataclass(frozen=True)
class TrainingTicket:
    """One solved ticket as the model learns it (oldest first)."""

    subject: str
    body: str
    category: str  # the category id, as text
    request_type: str | None


def triage_run_start(*, requested_by: User | None, reason: str, at: datetime) -> TriageModel:
    """A new run, numbered after the last one, in TRAINING until completed."""
    last = TriageModel.objects.aggregate(last=Max("version"))["last"] or 0
    desk = TriageSettings.current()
    return TriageModel.objects.create(
        version=last + 1,
        status=ModelStatus.TRAINING,
        requested_by=requested_by,
        reason=reason[:100],
        started_at=at,
        precision_target=float(desk.precision_target),
        guard_unfamiliar=desk.guard_unfamiliar,
    )


def triage_run_complete(
    run: TriageModel,
    *,
    tickets: list[TrainingTicket],
    at: datetime,
    progress: engine.Progress | None = None,
) -> TriageModel:
    """Fit the model of `run` on `tickets` and store it READY, or FAILED with the reason
    (too few categories, for instance): a failed run never replaces the serving model."""
    started = time.perf_counter()
    examples = [engine.Example(engine.ticket_text(t.subject, t.body), t.category) for t in tickets]
    try:
        model = engine.train(
            examples,
            precision_target=run.precision_target,
            embed=embed,
            secondary={REQUEST_TYPE: [t.request_type for t in tickets]},
            progress=progress,
            guard_unfamiliar=run.guard_unfamiliar,
        )
    except ValueError as exc:
        run.status, run.error, run.trained_at = ModelStatus.FAILED, str(exc), at
        run.training_size = len(tickets)
        run.save()
        return run
    _record(run, model, len(tickets))
    run.seconds = time.perf_counter() - started
    run.status, run.trained_at = ModelStatus.READY, at
    run.save()
    return run


def _record(run: TriageModel, model: engine.Model, size: int) -> None:
    evaluation = model.evaluation
    run.training_size = size
    run.category_count = len(set(model.category.labels) - {engine.OUTSIDE})
    run.heldout_size = evaluation.size
    run.heldout_accuracy = evaluation.accuracy
    run.threshold = model.threshold
    run.applied_share = evaluation.applied_share
    run.applied_precision = evaluation.applied_precision
    run.per_category = [
        {"label": s.label, "precision": s.precision, "recall": s.recall, "support": s.support}
        for s in evaluation.labels
    ]
    run.confusions = [
        {"expected": c.expected, "predicted": c.predicted, "count": c.count}
        for c in evaluation.confusions
    ]
    run.blob = model.dumps()
