"""Agents' mail pages: what arrived (quarantine first), the original of a message, the
outbox's problems. Raw mail and attachments are only ever downloaded, never rendered."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.core.querystring import parse_id
from charterdesk.mailparse import MailParseError, parse
from charterdesk.tickets.models import Message
from charterdesk.tickets.selectors import message_get_for

from . import selectors
from .models import Attachment, InboundMail, OutboundMail, Outcome
from .sending import outbound_resend


def _int(value: str | None) -> int | None:
    return parse_id(value)


def _inbound(request: HttpRequest, mail_id: int) -> InboundMail:
    try:
        return selectors.inbound_get_for(signed_in_user(request), mail_id)
    except InboundMail.DoesNotExist as exc:
        raise Http404("No such mail.") from exc


@agent_required
def inbound_list(request: HttpRequest) -> HttpResponse:
    outcome = request.GET.get("outcome", Outcome.QUARANTINED)
    rows, before = selectors.inbound_page(outcome, _int(request.GET.get("before")))
    return render(
        request,
        "mail/inbound_list.html",
        {"rows": rows, "before": before, "outcome": outcome, "outcomes": Outcome.choices},
    )


@agent_required
def inbound_detail(request: HttpRequest, mail_id: int) -> HttpResponse:
    inbound = _inbound(request, mail_id)
    try:
        parsed, error = parse(bytes(inbound.raw.data)), ""
    except MailParseError as exc:
        parsed, error = None, str(exc)
    return render(
        request,
        "mail/inbound_detail.html",
        {
            "inbound": inbound,
            "mail": parsed,
            "error": error,
            "attachments": list(inbound.attachments.all()),
            "can_retry": inbound.outcome in (Outcome.QUARANTINED, Outcome.PENDING),
        },
    )


@agent_required
def inbound_raw(request: HttpRequest, mail_id: int) -> HttpResponse:
    inbound = _inbound(request, mail_id)
    return _download(bytes(inbound.raw.data), f"mail-{inbound.pk}.eml", "message/rfc822")


@agent_required
def attachment_download(request: HttpRequest, attachment_id: int) -> HttpResponse:
    try:
        item = selectors.attachment_get_for(signed_in_user(request), attachment_id)
    except Attachment.DoesNotExist as exc:
        raise Http404("No such attachment.") from exc
    if item.blob is None:
        raise Http404("This attachment was not kept.")
    return _download(bytes(item.blob.data), item.filename, "application/octet-stream")


@agent_required
def message_original(request: HttpRequest, message_id: int) -> HttpResponse:
    try:
        message = message_get_for(signed_in_user(request), message_id)
    except Message.DoesNotExist as exc:
        raise Http404("No such message.") from exc
    inbound = selectors.inbound_of_message(message)
    if inbound is None:
        raise Http404("This message did not arrive by mail.")
    return redirect("mail:inbound", mail_id=inbound.pk)


@agent_required
def outbox(request: HttpRequest) -> HttpResponse:
    rows, before = selectors.outbox_problems(_int(request.GET.get("before")))
    return render(request, "mail/outbox.html", {"rows": rows, "before": before})


@agent_required
@require_POST
def outbox_resend(request: HttpRequest, mail_id: int) -> HttpResponse:
    user = signed_in_user(request)
    try:
        with transaction.atomic(durable=True):
            mail = selectors.outbound_lock_for(user, mail_id)
            queued = outbound_resend(mail, user)
    except OutboundMail.DoesNotExist as exc:
        raise Http404("No such mail.") from exc
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
        return redirect("mail:outbox")
    if queued:
        flash.info(request, f"Mail to {mail.recipient} queued again.")
    else:
        flash.info(request, f"Mail to {mail.recipient} was already on its way.")
    return redirect("mail:outbox")


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    # RFC 6266: an ASCII filename="…" and, for any other name, filename*=utf-8''… as well,
    # so "Счёт.pdf" downloads as Счёт.pdf; control characters never reach the header.
    safe = "".join(c for c in filename if c.isprintable()) or "download"
    response["Content-Disposition"] = content_disposition_header(True, safe)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
