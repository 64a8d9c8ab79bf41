"""Ingestion: store the raw message, then decide what it is and where it goes.

`ingest` never loses a message: it is stored before it is read; whatever cannot be
processed is quarantined with the reason. It raises only when the database itself is
unavailable (the message then stays `pending` and the caller should retry later)."""

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from charterdesk.mailparse import ParsedMail, parse

from ..models import InboundMail, Outcome
from .conversation import message_from_mail, reject_unknown, ticket_from_mail
from .noise import auto_reply_record, bounce_record
from .result import Result
from .senders import sender_resolve
from .store import blob_store, inbound_store
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
    """Take one message in. Call it outside a transaction: it commits the raw message
    first, then the outcome, each on its own."""
    inbound, new = inbound_store(raw, source)
    if not new and inbound.outcome != Outcome.PENDING:
        reason = f"already received (mail {inbound.pk}: {inbound.get_outcome_display().lower()})"
        return IngestResult(source, Outcome.IGNORED, inbound.ticket_id, reason)
    return inbound_process(inbound, source)


def inbound_process(inbound: InboundMail, source: str = "") -> IngestResult:
    """Process a stored message (again): used by ingestion and by an agent's re-process
    of a quarantined message after a fix."""
    raw = bytes(inbound.raw.data)
    try:
        with transaction.atomic():
            result = _route(inbound, raw)
            _finish(inbound, result)
    except INFRASTRUCTURE:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever went wrong, the message is kept
        log.warning("mail %s quarantined", inbound.pk, exc_info=True)
        result = Result(Outcome.QUARANTINED, None, _why(exc))
        with transaction.atomic():
            _finish(inbound, result)
    ticket = result.ticket.pk if result.ticket is not None else None
    return IngestResult(source or inbound.source, result.outcome, ticket, result.reason)


def _route(inbound: InboundMail, raw: bytes) -> Result:
    mail = parse(raw, max_attachment_bytes=settings.MAIL_MAX_ATTACHMENT_BYTES)
    if mail.bounce is not None:
        return bounce_record(mail)
    if not mail.from_address:
        return Result(Outcome.QUARANTINED, None, "no sender address could be read")
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
    from ..models import Attachment

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


def _finish(inbound: InboundMail, result: Result) -> None:
    inbound.outcome = result.outcome
    inbound.reason = result.reason[:500]
    inbound.ticket = result.ticket
    inbound.ticket_message = result.message
    inbound.attempts += 1
    inbound.processed_at = timezone.now()
    inbound.save(
        update_fields=["outcome", "reason", "ticket", "ticket_message", "attempts", "processed_at"]
    )


def _why(exc: Exception) -> str:
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        parts = [f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items()]
        return "could not be accepted: " + "; ".join(parts)
    return f"could not be processed: {type(exc).__name__}: {exc}"[:500]
