"""Agents' mail pages: what arrived (quarantine first), the original of a message, the
outbox's problems. Raw mail and attachments are only ever downloaded, never rendered."""

from django.contrib import messages as flash
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from charterdesk.core.access import agent_required
from charterdesk.core.querystring import parse_id
from charterdesk.mailparse import MailParseError, parse
from charterdesk.tickets.models import Message

from . import selectors
from .models import Attachment, InboundMail, OutboundMail, Outcome
from .sending import outbound_resend


def _int(value: str | None) -> int | None:
    return parse_id(value)


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
    inbound = get_object_or_404(InboundMail.objects.select_related("raw", "ticket"), pk=mail_id)
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
    inbound = get_object_or_404(InboundMail.objects.select_related("raw"), pk=mail_id)
    return _download(bytes(inbound.raw.data), f"mail-{inbound.pk}.eml", "message/rfc822")


@agent_required
def attachment_download(request: HttpRequest, attachment_id: int) -> HttpResponse:
    item = get_object_or_404(Attachment.objects.select_related("blob"), pk=attachment_id)
    if item.blob is None:
        raise Http404("This attachment was not kept.")
    return _download(bytes(item.blob.data), item.filename, "application/octet-stream")


@agent_required
def message_original(request: HttpRequest, message_id: int) -> HttpResponse:
    message = get_object_or_404(Message, pk=message_id)
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
    mail = get_object_or_404(OutboundMail, pk=mail_id)
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
