"""Inbound mail: `ingest(raw, source=...)` is the one core behind every door (files,
IMAP mailboxes, the SMTP gateway).

Ingest stores the raw message first, never raises for a bad message, and raises only when
the infrastructure fails (the database is unavailable): then the message was not stored
and the door must leave it where it was (IMAP) or answer 4xx (SMTP). Doors take the ingest
callable as a parameter (`Ingest`), so tests can pass a fake."""

from collections.abc import Callable

from .batch import ingest_many
from .pipeline import IngestResult, inbound_process, ingest, ingest_raw_only

Ingest = Callable[..., IngestResult]


def ingest_or_keep(ingest: Ingest, raw: bytes, source: str) -> IngestResult:
    """What a door calls: `ingest`, and when it fails with the database still up, the
    bytes alone, quarantined with the error, so the next message is not held up. Raises
    only when even that fails (the database is down): the door keeps the message."""
    try:
        return ingest(raw, source=source)
    except Exception as exc:  # noqa: BLE001 - the message is kept below, or we re-raise
        return ingest_raw_only(raw, source, f"could not be stored: {type(exc).__name__}: {exc}")


OUTCOMES = ("ticket_created", "message_added", "ignored", "quarantined")

__all__ = [
    "OUTCOMES",
    "Ingest",
    "IngestResult",
    "inbound_process",
    "ingest",
    "ingest_many",
    "ingest_or_keep",
    "ingest_raw_only",
]
