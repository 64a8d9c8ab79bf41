"""A visitor's request (no token): the form in the widget, the visitor's own requests
(followed with the pass the widget keeps), a confirmed request's public thread with a
reply form, and the confirmation page the mailed link opens (a button, so a mail scanner
that follows links confirms nothing)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from charterdesk.accounts.signin import client_address
from charterdesk.core.forms import add_service_errors
from charterdesk.core.limits import RateLimitError
from charterdesk.tickets.models import Ticket

from . import selectors
from .content_views import thread_page, widget_call
from .forms import VisitorReplyForm, VisitorRequestForm
from .http import Caller, problem
from .models import PendingRequest
from .requests import widget_reply_add
from .upload_limits import visitor_files_count
from .visitors import (
    VISITOR_MAX_FILES,
    pending_for,
    visitor_request_confirm,
    visitor_request_submit,
)

VISITOR_HEADER = "X-Widget-Visitor"


def visitor_pass_of(request: HttpRequest) -> str:
    return request.headers.get(VISITOR_HEADER, "").strip()


def _count_files(request: HttpRequest, caller: Caller, files: list) -> None:
    visitor_files_count(key=caller.key, client=client_address(request), files=len(files))


def too_many(request: HttpRequest, exc: RateLimitError) -> HttpResponse:
    """429 problem+json with Retry-After; the frame shows the message in the form."""
    response = problem(request, 429, str(exc))
    response["Retry-After"] = str(exc.retry_after)
    return response


@widget_call
def visitor_request(request: HttpRequest, caller: Caller) -> HttpResponse:
    if not caller.key.anonymous_requests:
        return problem(request, 401, "Sign in through the vendor's product to open requests.")
    form = VisitorRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        try:
            with transaction.atomic(durable=True):
                _count_files(request, caller, fields["attachments"])
                sent = visitor_request_submit(
                    key=caller.key,
                    files=fields.pop("attachments"),
                    visitor_pass=visitor_pass_of(request),
                    **fields,
                )
            context = {"pending": sent.pending, "visitor_pass": sent.visitor_pass}
            return render(request, "widget/_visitor_sent.html", context, status=202)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except RateLimitError as exc:
            return too_many(request, exc)
    status = 422 if request.method == "POST" else 200
    context = {
        "form": form,
        "mine": selectors.visitor_requests(caller.key, visitor_pass_of(request)),
        "max_files": VISITOR_MAX_FILES,
    }
    return render(request, "widget/_visitor_request.html", context, status=status)


@widget_call
def visitor_thread(request: HttpRequest, caller: Caller, ticket_id: int) -> HttpResponse:
    """A confirmed request the visitor's pass follows: its public thread; POST replies as
    its requester (as mail from them would)."""
    try:
        ticket = selectors.visitor_ticket(caller.key, visitor_pass_of(request), ticket_id)
    except Ticket.DoesNotExist as exc:
        raise Http404("No such request.") from exc
    form = VisitorReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                _count_files(request, caller, form.cleaned_data["attachments"])
                widget_reply_add(
                    ticket=ticket,
                    contact=ticket.requester,
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["attachments"],
                )
            return thread_page(request, ticket, reader=None, replied=True)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except RateLimitError as exc:
            return too_many(request, exc)
    status = 422 if request.method == "POST" else 200
    return thread_page(request, ticket, reader=None, form=form, status=status)


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    pending = pending_for(token)
    if pending is None:
        raise Http404("This link is unknown or has expired.")
    ticket, error = pending.ticket, ""
    if request.method == "POST" and ticket is None:
        try:
            with transaction.atomic(durable=True):
                locked = PendingRequest.objects.select_for_update().get(pk=pending.pk)
                ticket = visitor_request_confirm(pending=locked)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    context = {"pending": pending, "ticket": ticket, "error": error}
    return render(request, "widget/confirm.html", context)
