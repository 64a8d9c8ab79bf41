"""Triage API: a suggestion for a request (agents), the serving model (agents), a new
training run in the background (managers). Customers get 403."""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError
from ninja.responses import Status

from charterdesk.accounts.auth import user_of

from . import runtime, selectors
from .categories import category_names
from .schemas import ModelOut, TrainOut, TriageIn, TriageOut
from .training import TrainingBusyError, triage_train_request
from .views_data import model_data

router = Router(tags=["triage"])


@router.post("/triage", response=TriageOut)
def suggest(request: HttpRequest, payload: TriageIn) -> dict[str, Any]:
    """The model's category and request type for a request, with their confidence.
    `category` is always the best guess; `abstained` says the desk would ask a person."""
    selectors.check_agent(user_of(request))
    found = runtime.suggest(payload.subject, payload.body)
    if found is None:
        raise HttpError(409, "No triage model is trained yet: POST /api/v1/triage/train.")
    name = category_names([found.category]).get(found.category)
    return {
        "category": None
        if name is None
        else {"id": int(found.category), "name": name, "confidence": found.confidence},
        "request_type": None
        if found.request_type is None
        else {"value": found.request_type, "confidence": found.request_type_confidence},
        "abstained": found.abstained or name is None,
        "model": {"version": found.version, "trained_at": found.trained_at},
    }


@router.get("/triage/model", response=ModelOut)
def serving_model(request: HttpRequest) -> dict[str, Any]:
    """The model that serves now: its held-out accuracy, threshold and confusions."""
    model = selectors.serving_model_for(user_of(request))
    if model is None:
        raise HttpError(404, "No triage model is trained yet.")
    return model_data(model)


@router.post("/triage/train", response={202: TrainOut})
def train(request: HttpRequest) -> Status:
    """Start a training run in the background (managers); the serving model keeps serving
    until the new one is ready. 409 while a run is in progress."""
    try:
        with transaction.atomic(durable=True):
            run = triage_train_request(
                requested_by=user_of(request), reason="API", at=timezone.now()
            )
    except TrainingBusyError as exc:
        raise HttpError(409, str(exc)) from exc
    return Status(202, {"version": run.version, "status": run.status})
