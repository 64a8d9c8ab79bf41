"""Many messages at once (`charterdesk mail ingest` of an mbox, a Maildir): several in one
transaction, each in savepoints of its own, so a bad message is quarantined without
taking the others with it. A batch commits once, reads the configuration generation
once, enqueues one task that sends its acknowledgements (after its commit) and one that
triages its new tickets (in its transaction: intake.hooks.created_in_batch); its results
are given out only after its commit, so a door acknowledges (prints, marks read) only
what is stored.

A batch ends after BATCH_MESSAGES messages, BATCH_SECONDS of work or BATCH_BYTES of raw
mail, whichever comes first: the write lock (SQLite) and the memory it holds stay short."""

import time
from collections.abc import Iterable, Iterator

from django.db import transaction

from charterdesk.core import config_cache
from charterdesk.intake.hooks import created_in_batch
from charterdesk.mail.outbox import sends_coalesced

from .pipeline import (
    IngestResult,
    database_answers,
    finishes_deferred,
    ingest,
    ingest_in_transaction,
)

BATCH_MESSAGES = 100
BATCH_SECONDS = 0.25
BATCH_BYTES = 32 * 1024 * 1024

Message = tuple[str, bytes]  # (source, raw)


def ingest_many(messages: Iterable[Message]) -> Iterator[IngestResult]:
    """`ingest` for each (source, raw) in order, a batch per transaction; each result is
    yielded once its batch committed. Raises only when the database fails: what was
    yielded before is stored, the rest is not (running it again is safe). A failure to
    read the messages ends the batch before it (committed and yielded), then raises."""
    reader = _Reader(iter(messages))
    while True:
        results = _batch(reader)
        yield from results
        if reader.failed is not None:
            raise reader.failed
        if not results:
            return


class _Reader:
    """The messages, one at a time; a failure to read is kept to be raised after the
    batch before it committed."""

    def __init__(self, pending: Iterator[Message]) -> None:
        self.pending = pending
        self.failed: Exception | None = None

    def next(self) -> Message | None:
        if self.failed is not None:
            return None
        try:
            return next(self.pending, None)
        except Exception as exc:  # noqa: BLE001 - raised by ingest_many after the commit
            self.failed = exc
            return None


def _batch(reader: _Reader) -> list[IngestResult]:
    taken: list[Message] = []
    try:
        with (
            config_cache.unit(),
            transaction.atomic(),
            sends_coalesced(),
            created_in_batch(),
            finishes_deferred(),
        ):
            results = []
            deadline, size = time.monotonic() + BATCH_SECONDS, 0
            while len(taken) < BATCH_MESSAGES and size < BATCH_BYTES:
                message = reader.next()
                if message is None:
                    break
                taken.append(message)
                results.append(ingest_in_transaction(message[1], message[0]))
                size += len(message[1])
                if time.monotonic() >= deadline:
                    break
            return results
    except Exception:
        if not taken or not database_answers():
            raise
        # The batch as a whole failed with the database up (its commit, say): nothing of
        # it was stored; each message again on its own, as `ingest` takes one.
        return [ingest(raw, source=source) for source, raw in taken]
