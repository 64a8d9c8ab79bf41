"""The one door every transport goes through: `charterdesk.mail.ingest.ingest`.

Transports take the ingest callable as a parameter (tests pass a fake); the default is
imported lazily so this app does not depend on the mail app at import time. Ingest stores
the raw message first, never raises for a bad message, and raises only when the
infrastructure fails (the database is unavailable): then the message was not stored and
the transport must leave it where it was (IMAP) or answer 4xx (SMTP)."""

from collections.abc import Callable
from typing import Protocol


class IngestResult(Protocol):
    @property
    def outcome(self) -> str: ...
    @property
    def ticket(self) -> int | None: ...
    @property
    def reason(self) -> str: ...
    @property
    def source(self) -> str: ...


Ingest = Callable[..., IngestResult]

OUTCOMES = ("ticket_created", "message_added", "ignored", "quarantined")


def real_ingest(raw: bytes, *, source: str) -> IngestResult:
    from charterdesk.mail.ingest import ingest

    return ingest(raw, source=source)
