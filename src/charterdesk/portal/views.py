from django.conf import settings
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from charterdesk.accounts.access import contact_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.core.forms import add_service_errors
from charterdesk.core.vocabulary import Channel
from charterdesk.intake.services import ticket_create
from charterdesk.knowledge.services import attempt_ticket_sent, attempt_token
from charterdesk.mailboxes.uploads import MAX_FILES, attachments_add
from charterdesk.sla.selectors import response_targets_for
from charterdesk.tickets import selectors, services
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services.followers import follower_of

from .alternatives import alternative_link
from .expectations import expectation
from .forms import NewRequestForm, ReplyForm
from .selectors import attachments_by_message, with_attachments


def _upload_limits() -> dict[str, object]:
    return {
        "max_files": MAX_FILES,
        "max_megabytes": f"{settings.MAIL_MAX_ATTACHMENT_BYTES / (1024 * 1024):g}",
    }


@contact_required
def ticket_list(request: HttpRequest) -> HttpResponse:
    tickets = selectors.tickets_visible_to(signed_in_user(request)).select_related("requester")
    page = Paginator(tickets.order_by("-id"), 25).get_page(request.GET.get("page"))
    return render(request, "portal/ticket_list.html", {"page": page})


@contact_required
def ticket_new(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = NewRequestForm(
        request.POST or None, request.FILES or None, initial={"attempt": attempt_token()}
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        files = fields.pop("attachments")
        attempt = fields.pop("attempt")
        try:
            with transaction.atomic(durable=True):
                ticket = ticket_create(
                    requester=user.contact, channel=Channel.PORTAL, actor=user, **fields
                )
                first = ticket.messages.order_by("id").first()
                if first is not None and files:
                    attachments_add(first, files)
                attempt_ticket_sent(user, attempt, ticket)
            return redirect("portal:ticket", ticket_id=ticket.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "portal/ticket_new.html", {"form": form, **_upload_limits()})


@contact_required
def coverage_preview(request: HttpRequest) -> HttpResponse:
    """What the plan gives a request of this type and priority, before it is sent."""
    context = expectation(
        signed_in_user(request).contact,
        request.GET.get("request_type", ""),
        request.GET.get("priority", ""),
        timezone.now(),
    )
    return render(request, "portal/_coverage_preview.html", context)


@contact_required
def ticket_detail(request: HttpRequest, ticket_id: int) -> HttpResponse:
    user = signed_in_user(request)
    try:
        ticket = selectors.ticket_get_for(user, ticket_id)
    except Ticket.DoesNotExist as exc:
        raise Http404("No such request.") from exc
    form = ReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                message = services.message_add(ticket, user, form.cleaned_data["body"])
                attachments_add(message, form.cleaned_data["attachments"])
            flash.success(request, "Your reply was added; the team is told.")
            return redirect("portal:ticket", ticket_id=ticket.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    now = timezone.now()
    files = attachments_by_message(user, ticket)
    reopen_until = services.reopen_until(ticket)
    context = {
        "ticket": ticket,
        "messages_": with_attachments(selectors.messages_visible_to(user, ticket), files),
        "form": form,
        "targets": response_targets_for(ticket, now),
        "reopen_until": reopen_until,
        "alternative": alternative_link(ticket),
        "can_reopen": reopen_until is not None and now <= reopen_until,
        "following": follower_of(ticket, user) is not None,
        **_upload_limits(),
    }
    return render(request, "portal/ticket_detail.html", context)
