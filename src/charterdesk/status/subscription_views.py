"""Subscribe to the status page by mail, confirm, change the services, unsubscribe.
No sign-in: the confirmation link is signed, the manage link carries a secret token."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from charterdesk.accounts.signin import client_address
from charterdesk.incidents.models import Subscriber

from . import subscriptions as service
from .forms import SubscribeForm, SubscriptionForm


def _errors_to(form: Form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                service.subscriber_request(
                    client=client_address(request), now=timezone.now(), **form.cleaned_data
                )
        except ValidationError as exc:
            _errors_to(form, exc)
        else:
            return render(request, "status/subscribe.html", {"sent": form.cleaned_data["email"]})
    status = 400 if form.errors else 200
    return render(request, "status/subscribe.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, signed: str) -> HttpResponse:
    """GET shows a button (mail scanners follow links), POST confirms."""
    subscriber = service.subscriber_from_link(signed)
    if subscriber is None:
        return render(request, "status/subscription_gone.html", {"confirming": True}, status=404)
    if request.method == "POST":
        with transaction.atomic():
            service.subscriber_confirm(subscriber, timezone.now())
        return redirect("status:subscription", token=subscriber.token)
    context = {"subscriber": subscriber, "services": subscriber.services.all()}
    return render(request, "status/subscription_confirm.html", context)


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = Subscriber.objects.filter(token=token, confirmed_at__isnull=False).first()
    if subscriber is None:
        return render(request, "status/subscription_gone.html", status=404)
    chosen = list(subscriber.services.values_list("pk", flat=True))
    form = SubscriptionForm(
        request.POST if request.method == "POST" else None, initial={"services": chosen}
    )
    saved = False
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            service.subscriber_change(subscriber, form.cleaned_data["services"])
        saved = True
    context = {"subscriber": subscriber, "form": form, "saved": saved}
    return render(request, "status/subscription.html", context, status=400 if form.errors else 200)


@csrf_exempt  # One-Click (RFC 8058): the mail client POSTs, with no page and no cookie
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm; POST (the button, or a mail client's One-Click) unsubscribes."""
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        return render(request, "status/subscription_gone.html", {"done": True})
    if request.method == "POST":
        with transaction.atomic():
            service.subscriber_unsubscribe(subscriber)
        return render(request, "status/subscription_gone.html", {"done": True})
    return render(request, "status/unsubscribe.html", {"subscriber": subscriber})
