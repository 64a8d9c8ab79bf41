"""A visitor's request (no token): the form in the widget, and the confirmation page the
mailed link opens (a button, so a mail scanner that follows links confirms nothing)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from charterdesk.core.forms import add_service_errors

from .content_views import widget_call
from .forms import VisitorRequestForm
from .http import Caller, problem
from .models import PendingRequest
from .visitors import pending_for, visitor_request_confirm, visitor_request_submit


@widget_call
def visitor_request(request: HttpRequest, caller: Caller) -> HttpResponse:
    if not caller.key.anonymous_requests:
        return problem(request, 401, "Sign in through the vendor's product to open requests.")
    form = VisitorRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                pending = visitor_request_submit(key=caller.key, **form.cleaned_data)
            return render(request, "widget/_visitor_sent.html", {"pending": pending}, status=202)
        except ValidationError as exc:
            add_service_errors(form, exc)
    status = 422 if request.method == "POST" else 200
    return render(request, "widget/_visitor_request.html", {"form": form}, status=status)


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
