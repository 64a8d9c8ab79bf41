"""The desk's webhook pages: the endpoints (add), one endpoint (edit, test ping, delete)
with its deliveries. For support managers. Views parse, call one service, render."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.roles import Perm

from . import services
from .forms import EndpointForm
from .models import WebhookEndpoint
from .selectors import deliveries_of, endpoints_listed
from .sweep import attempt

managers_only = staff_permission_required(Perm.MANAGE_SERVICES)


def _endpoint(endpoint_id: int) -> WebhookEndpoint:
    found = WebhookEndpoint.objects.filter(pk=endpoint_id).first()
    if found is None:
        raise Http404("No such webhook.")
    return found


def _add_errors(form: EndpointForm, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _list_page(request: HttpRequest, form: EndpointForm, status: int = 200) -> HttpResponse:
    page = Paginator(endpoints_listed(), 25).get_page(request.GET.get("page"))
    context = {"page": page, "form": form}
    return render(request, "incidents/webhooks/list.html", context, status=status)


@managers_only
def webhook_list(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _list_page(request, EndpointForm())
    form = EndpointForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                endpoint = services.endpoint_create(
                    signed_in_user(request), now=timezone.now(), **form.cleaned_data
                )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            secret = "" if form.cleaned_data["secret"] else f" Its secret: {endpoint.secret}"
            flash.success(request, f"Webhook {endpoint.name} added.{secret}")
            return redirect("incidents:webhook", endpoint.pk)
    return _list_page(request, form, status=400)


def _detail_page(
    request: HttpRequest, endpoint: WebhookEndpoint, form: EndpointForm, status: int = 200
) -> HttpResponse:
    deliveries = Paginator(deliveries_of(endpoint), 25).get_page(request.GET.get("page"))
    context = {"endpoint": endpoint, "form": form, "deliveries": deliveries}
    return render(request, "incidents/webhooks/detail.html", context, status=status)


@managers_only
def webhook_detail(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    endpoint = _endpoint(endpoint_id)
    if request.method != "POST":
        initial = {f: getattr(endpoint, f) for f in ("name", "url", "events", "is_active")}
        return _detail_page(request, endpoint, EndpointForm(initial=initial))
    form = EndpointForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                services.endpoint_update(signed_in_user(request), endpoint, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            flash.success(request, "Webhook saved.")
            return redirect("incidents:webhook", endpoint.pk)
    return _detail_page(request, _endpoint(endpoint_id), form, status=400)


@managers_only
@require_POST
def webhook_ping(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    """Send a test ping now and say what the receiver answered."""
    endpoint, now = _endpoint(endpoint_id), timezone.now()
    with transaction.atomic():
        delivery = services.endpoint_ping(signed_in_user(request), endpoint, now)
    delivery = attempt(delivery.pk, now)
    if delivery.response_code is not None and 200 <= delivery.response_code < 300:
        flash.success(request, f"Test ping delivered: HTTP {delivery.response_code}.")
    else:
        flash.error(request, f"Test ping failed: {delivery.error}")
    return redirect("incidents:webhook", endpoint.pk)


@managers_only
@require_POST
def delivery_resend(request: HttpRequest, endpoint_id: int, delivery_id: int) -> HttpResponse:
    endpoint = _endpoint(endpoint_id)
    delivery = endpoint.deliveries.filter(pk=delivery_id).first()
    if delivery is None:
        raise Http404("No such delivery.")
    try:
        with transaction.atomic():
            services.delivery_resend(signed_in_user(request), delivery, timezone.now())
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    else:
        flash.success(request, "Sent again; its state below shows the answer.")
    return redirect("incidents:webhook", endpoint.pk)


@managers_only
@require_POST
def webhook_delete(request: HttpRequest, endpoint_id: int) -> HttpResponse:
    endpoint = _endpoint(endpoint_id)
    with transaction.atomic():
        services.endpoint_delete(signed_in_user(request), endpoint)
    flash.success(request, f"Webhook {endpoint.name} deleted with its deliveries.")
    return redirect("incidents:webhooks")
