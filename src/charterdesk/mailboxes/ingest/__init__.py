"""Inbound mail: `ingest(raw, source=...)` is the one core behind every door (files,
IMAP mailboxes, the SMTP gateway).

Ingest stores the raw message first, never raises for a bad message, and raises only when
the infrastructure fails (the database is unavailable): then the message was not stored
and the door must leave it where it was (IMAP) or answer 4xx (SMTP). Doors take the ingest
callable as a parameter (`Ingest`), so tests can pass a fake."""

from collections.abc import Callable

from .pipeline import IngestResult, inbound_process, ingest

Ingest = Callable[..., IngestResult]

OUTCOMES = ("ticket_created", "message_added", "ignored", "quarantined")

__all__ = ["OUTCOMES", "Ingest", "IngestResult", "inbound_process", "ingest"]
