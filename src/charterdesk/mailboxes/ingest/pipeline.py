"""Ingestion: store the raw message, then decide what it is and where it goes.

`ingest` never loses a message: it is stored before it is read, and whatever cannot be
processed is quarantined with the reason and the raw message (the processing runs in a
savepoint, so its failure never takes the stored message with it). Storing and processing
commit together, once: a transport acknowledges a message (SMTP 250, IMAP \\Seen, the
CLI's line) only after `ingest` returned, so a crash before the commit leaves the message
where it was. `ingest` raises only when the database itself fails; nothing was stored
then, and the caller retries later (ingest recognises what it already has)."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone

from charterdesk.core import config_cache
from charterdesk.mail.models import Attachment, InboundMail, Outcome
from charterdesk.mailparse import ParsedMail, parse

from .checks import address_problem, nul_in_headers
from .conversation import message_from_mail, reject_unknown, ticket_from_mail
from .noise import auto_reply_record, bounce_record
from .result import Result
from .senders import sender_resolve
from .store import blob_store, inbound_keep_raw, inbound_store, storable
from .threading import thread_find

log = logging.getLogger(__name__)
INFRASTRUCTURE = (OperationalError, InterfaceError)


@dataclass(frozen=True)
class IngestResult:
    source: str
    outcome: str
    ticket: int | None
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "outcome": self.outcome,
            "ticket": self.ticket,
            "reason": self.reason,
        }


def ingest(raw: bytes, *, source: str) -> IngestResult:
    """Take one message in, in one transaction of its own (call it outside one). A
    message that cannot be stored as usual (a header no database holds) is kept as bytes
    alone and quarantined; only a database that does not answer makes this raise.
    Many messages at once: `ingest_many` (one transaction for several)."""
    try:
        # One message is one unit: the configuration generation is read once for it.
        with config_cache.unit(), transaction.atomic():
            return ingest_in_transaction(raw, source)
    except Exception as exc:
        if not database_answers():
            raise
        return ingest_raw_only(raw, source, _why(exc))


def ingest_in_transaction(raw: bytes, source: str) -> IngestResult:
    """One message inside the caller's transaction, in savepoints of its own: storing it
    (or, when that fails, its bytes alone) and processing it. Raises only when the
    database fails; then the caller's transaction is lost and nothing of it was stored."""
    try:
        inbound, new = inbound_store(raw, source)
    except Exception as exc:
        if isinstance(exc, INFRASTRUCTURE) and not database_answers():
            raise
        return ingest_raw_only(raw, source, _why(exc))
    if not new and inbound.pk in (_deferred.get() or {}):  # processed earlier in this batch
        finishes_write()
        inbound.refresh_from_db()
    if not new and inbound.outcome != Outcome.PENDING:
        outcome = inbound.get_outcome_display().lower()
        reason = f"already received (mail {inbound.pk}: {outcome})"
        return IngestResult(source, Outcome.IGNORED, inbound.ticket_id, reason)
    return inbound_process(inbound, source, raw)


def ingest_raw_only(raw: bytes, source: str, reason: str) -> IngestResult:
    """Keep the bytes alone, quarantined with `reason`: for a message that failed in a
    way the pipeline did not foresee (the doors use it too, so one message never blocks
    the ones after it). Raises only when the database fails."""
    inbound, new = inbound_keep_raw(raw, source, reason)
    if not new:
        reason = f"already received (mail {inbound.pk}: {inbound.get_outcome_display().lower()})"
        return IngestResult(source, Outcome.IGNORED, inbound.ticket_id, reason)
    return IngestResult(source, Outcome.QUARANTINED, None, inbound.reason)


def database_answers() -> bool:
    """Whether the database still answers: tells a failure caused by one message (it
    does) from an outage (it does not)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any failure means: not now
        log.debug("the database does not answer", exc_info=True)
        return False
    return True


def inbound_process(
    inbound: InboundMail, source: str = "", raw: bytes | None = None
) -> IngestResult:
    """Process a stored message (again): used by ingestion and by an agent's re-process
    of a quarantined message after a fix."""
    if raw is None:
        raw = bytes(inbound.raw.data)
    try:
        with transaction.atomic():
            result = _route(inbound, raw)
            _finish(inbound, result)
    except Exception as exc:  # noqa: BLE001 - whatever went wrong, the message is kept
        if isinstance(exc, INFRASTRUCTURE) and not database_answers():
            raise
        log.debug("mail %s could not be processed", inbound.pk, exc_info=True)
        result = Result(Outcome.QUARANTINED, None, _why(exc))
        with transaction.atomic():
            _finish(inbound, result)
    ticket = result.ticket.pk if result.ticket is not None else None
    return IngestResult(source or inbound.source, result.outcome, ticket, result.reason)


def _route(inbound: InboundMail, raw: bytes) -> Result:
    mail = parse(raw, max_attachment_bytes=settings.MAIL_MAX_ATTACHMENT_BYTES)
    if nul_in_headers(raw):
        return Result(Outcome.QUARANTINED, None, "a header contains a NUL character")
    if mail.bounce is not None:
        return bounce_record(mail)
    if not mail.from_address:
        return Result(Outcome.QUARANTINED, None, "no sender address could be read")
    refused = address_problem(mail.from_address)
    if refused:
        return Result(Outcome.QUARANTINED, None, f"sender: {refused}")
    if _ours(mail.from_address):
        return Result(Outcome.IGNORED, None, "sent by this desk itself (a mail loop)")
    if mail.auto is not None:
        return auto_reply_record(mail)
    sender = sender_resolve(mail.from_address, mail.from_name)
    if sender.contact is None and sender.agent is None:
        return reject_unknown(mail)
    thread = thread_find(mail, sender)
    if thread.ticket is not None and thread.ticket.status != "closed":
        result = message_from_mail(thread.ticket, sender, mail)
    elif sender.agent is not None:
        return Result(
            Outcome.QUARANTINED,
            thread.ticket,
            "mail from an agent that answers no open ticket: "
            + (thread.refused or "no ticket reference found"),
        )
    else:
        result = ticket_from_mail(sender, mail, thread, inbound)
    _keep_attachments(inbound, mail)
    return result


def _ours(address: str) -> bool:
    local, _, domain = settings.MAIL_SUPPORT_ADDRESS.lower().partition("@")
    mine_local, _, mine_domain = address.lower().partition("@")
    return mine_domain == domain and mine_local.split("+")[0] == local


def _keep_attachments(inbound: InboundMail, mail: ParsedMail) -> None:
    rows = []
    for item in mail.attachments:
        kept = not item.too_large
        rows.append(
            Attachment(
                inbound=inbound,
                blob=blob_store(item.payload) if kept else None,
                filename=item.filename[:255],
                content_type=item.content_type[:100],
                size=item.size,
                content_id=(item.content_id or "")[:255],
                inline=item.inline,
                note="" if kept else "larger than the attachment size limit: not kept",
            )
        )
    Attachment.objects.bulk_create(rows)


_FINISHED = ["outcome", "reason", "ticket", "ticket_message", "attempts", "processed_at"]
# Written out, once per message: the ORM took ~0.3 ms of CPU to build this UPDATE (no
# signal listens to InboundMail's saves).
_FINISH = "UPDATE {table} SET {columns} WHERE {pk} = %s".format(  # noqa: S608 - model names
    table=InboundMail._meta.db_table,
    columns=", ".join(f"{InboundMail._meta.get_field(f).column} = %s" for f in _FINISHED),  # type: ignore[union-attr]
    pk=InboundMail._meta.pk.column,  # type: ignore[union-attr]
)


def _finish(inbound: InboundMail, result: Result) -> None:
    inbound.outcome = result.outcome
    inbound.reason = result.reason[:500]
    inbound.ticket = result.ticket
    inbound.ticket_message = result.message
    inbound.attempts += 1
    inbound.processed_at = timezone.now()
    params = [
        str(inbound.outcome),
        inbound.reason,
        inbound.ticket_id,
        inbound.ticket_message_id,
        inbound.attempts,
        connection.ops.adapt_datetimefield_value(inbound.processed_at),
        inbound.pk,
    ]
    deferred = _deferred.get()
    if deferred is not None:  # a batch: written with the others, before its commit
        deferred[inbound.pk] = params
        return
    with connection.cursor() as cursor:
        cursor.execute(_FINISH, params)


# A batch's outcomes, by message id (the last one counts: a message whose processing
# failed after it finished is quarantined), written in one statement before the commit.
_deferred: ContextVar[dict[int, list[Any]] | None] = ContextVar("inbound_finishes", default=None)
# PostgreSQL: every row of the batch in one UPDATE (SQLite: no round trip to save).
_COLUMNS = [str(InboundMail._meta.get_field(f).column) for f in _FINISHED]  # type: ignore[union-attr]
_TYPES = ["varchar", "varchar", "bigint", "bigint", "integer", "timestamptz", "bigint"]
_FINISH_MANY = "UPDATE {table} AS m SET {columns} FROM UNNEST({arrays}) AS v({names}, id) WHERE m.{pk} = v.id".format(  # noqa: S608, E501 - model names
    table=InboundMail._meta.db_table,
    columns=", ".join(f"{c} = v.{c}" for c in _COLUMNS),
    arrays=", ".join(f"%s::{t}[]" for t in _TYPES),
    names=", ".join(_COLUMNS),
    pk=InboundMail._meta.pk.column,  # type: ignore[union-attr]
)


@contextmanager
def finishes_deferred() -> Iterator[None]:
    """The outcomes of the messages processed in the block are written when it ends
    (in the caller's transaction, one statement on PostgreSQL), not when it raises."""
    token = _deferred.set({})
    try:
        yield
        finishes_write()
    finally:
        _deferred.reset(token)


def finishes_write() -> None:
    """Write the deferred outcomes now (a message seen again in the same batch reads
    its first copy's outcome from the database)."""
    deferred = _deferred.get()
    if not deferred:
        return
    rows = list(deferred.values())
    deferred.clear()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(rows) > 1:
            cursor.execute(_FINISH_MANY, [list(column) for column in zip(*rows, strict=True)])
        else:
            cursor.executemany(_FINISH, rows)


def _why(exc: Exception) -> str:
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        parts = [f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items()]
        return "could not be accepted: " + "; ".join(parts)
    return storable(f"could not be processed: {type(exc).__name__}: {exc}", 500)
