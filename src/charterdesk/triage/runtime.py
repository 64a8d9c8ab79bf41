"""The serving model: loaded once per process, kept until a newer one is ready.

Each prediction asks the database for the newest ready version (one indexed row, no blob);
only when that changed is the model read and unpickled. Several threads may ask at once:
the load happens under a lock, once.
"""

import threading
from dataclasses import dataclass
from datetime import datetime

from . import engine, vectors
from .models import ModelStatus, TriageModel

REQUEST_TYPE = "request_type"  # the name of the request-type classifier in a model

_lock = threading.Lock()
_cached: tuple[int, engine.Model] | None = None


@dataclass(frozen=True)
class Serving:
    version: int
    trained_at: datetime | None
    model: engine.Model


@dataclass(frozen=True)
class Suggestion:
    """What the model says of one request. `category` is always its best guess (a category
    id as text); `abstained` says whether the desk would leave it to a person."""

    category: str
    confidence: float
    abstained: bool
    request_type: str | None
    request_type_confidence: float | None
    version: int
    trained_at: datetime | None


def serving() -> Serving | None:
    """The newest ready model, or None while none was ever trained."""
    global _cached
    row = (
        TriageModel.objects.filter(status=ModelStatus.READY)
        .order_by("-version")
        .values("version", "trained_at")
        .first()
    )
    if row is None:
        return None
    version = row["version"]
    if _cached is None or _cached[0] != version:
        with _lock:
            if _cached is None or _cached[0] != version:
                blob = TriageModel.objects.values_list("blob", flat=True).get(version=version)
                _cached = (version, engine.loads(bytes(blob)))
    return Serving(version, row["trained_at"], _cached[1])


def suggest(subject: str, body: str) -> Suggestion | None:
    """The serving model's suggestion for a request, or None when there is no model."""
    current = serving()
    if current is None:
        return None
    text = engine.ticket_text(subject, body)
    best, others = current.model.predict_all(text, embed)
    kind = others.get(REQUEST_TYPE)
    return Suggestion(
        category=best.label,
        confidence=best.confidence,
        abstained=best.abstained,
        request_type=kind.label if kind and kind.label else None,
        request_type_confidence=kind.confidence if kind and kind.label else None,
        version=current.version,
        trained_at=current.trained_at,
    )


# Sentence vectors (mean and max) from the WordLlama model shipped in its wheel (never
# downloaded).
embed: engine.Embed = vectors.embed


def forget() -> None:
    """Drop the cached model (tests that train several models in one process)."""
    global _cached
    _cached = None
