from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from charterdesk.accounts.access import contact_required
from charterdesk.core.forms import add_service_errors
from charterdesk.core.vocabulary import Channel
from charterdesk.sla.selectors import clocks_of
from charterdesk.tickets import selectors, services
from charterdesk.tickets.models import Ticket

from .expectations import expectation
from .forms import NewRequestForm, ReplyForm


@contact_required
def ticket_list(request: HttpRequest) -> HttpResponse:
    tickets = selectors.tickets_visible_to(request.user).select_related("requester")  # type: ignore[arg-type]
    page = Paginator(tickets.order_by("-id"), 25).get_page(request.GET.get("page"))
    return render(request, "portal/ticket_list.html", {"page": page})


@contact_required
def ticket_new(request: HttpRequest) -> HttpResponse:
    form = NewRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                ticket = services.ticket_create(
                    requester=request.user.contact,  # type: ignore[union-attr]
                    channel=Channel.PORTAL,
                    actor=request.user,  # type: ignore[arg-type]
                    **form.cleaned_data,
                )
            return redirect("portal:ticket", ticket_id=ticket.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "portal/ticket_new.html", {"form": form})


@contact_required
def coverage_preview(request: HttpRequest) -> HttpResponse:
    """What the plan gives a request of this type and priority, before it is sent."""
    context = expectation(
        request.user.contact,  # type: ignore[union-attr]
        request.GET.get("request_type", ""),
        request.GET.get("priority", ""),
        timezone.now(),
    )
    return render(request, "portal/_coverage_preview.html", context)


@contact_required
def ticket_detail(request: HttpRequest, ticket_id: int) -> HttpResponse:
    try:
        ticket = selectors.ticket_get_for(request.user, ticket_id)  # type: ignore[arg-type]
    except Ticket.DoesNotExist as exc:
        raise Http404("No such request.") from exc
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.message_add(ticket, request.user, form.cleaned_data["body"])  # type: ignore[arg-type]
            flash.success(request, "Your reply was added; the team is told.")
            return redirect("portal:ticket", ticket_id=ticket.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    messages = selectors.messages_visible_to(request.user, ticket)  # type: ignore[arg-type]
    promises = (
        clocks_of(ticket)
        .exclude(metric="periodic_update", state="fulfilled")
        .exclude(state="cancelled")
    )
    return render(
        request,
        "portal/ticket_detail.html",
        {"ticket": ticket, "messages_": messages, "form": form, "promises": promises},
    )
