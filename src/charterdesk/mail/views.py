"""Agents' mail pages: what arrived (quarantine first), the original of a message, the
outbox's problems. Raw mail and attachments are only ever downloaded, never rendered."""

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
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
    try:
        mail = selectors.outbound_get_for(signed_in_user(request), mail_id)
    except OutboundMail.DoesNotExist as exc:
        raise Http404("No such mail.") from exc
    outbound_resend(mail)
    flash.info(request, f"Mail to {mail.recipient} queued again.")
    return redirect("mail:outbox")


def _download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    safe = filename.replace('"', "").replace("\r", "").replace("\n", "") or "download"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
