"""/manage/widget/: create and revoke the help widget's keys, and copy the embed code."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.roles import Perm
from charterdesk.core.forms import add_service_errors

from .forms import WidgetKeyForm
from .models import WidgetKey
from .selectors import keys_for_settings
from .services import widget_key_create, widget_key_revoke

settings_page = staff_permission_required(Perm.MANAGE_SETTINGS)


@settings_page
def keys(request: HttpRequest) -> HttpResponse:
    form = WidgetKeyForm(request.POST or None)
    new = None
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                new = widget_key_create(created_by=signed_in_user(request), **form.cleaned_data)
            form = WidgetKeyForm()
        except ValidationError as exc:
            add_service_errors(form, exc)
    context = {
        "section": "widget",
        "form": form,
        "new": new,
        "keys": keys_for_settings()[:100],
        "site_url": request.build_absolute_uri("/").rstrip("/"),
    }
    return render(request, "widget/manage_keys.html", context)


@settings_page
@require_POST
def revoke(request: HttpRequest, key_id: int) -> HttpResponse:
    with transaction.atomic(durable=True):
        key = get_object_or_404(WidgetKey.objects.select_for_update(), pk=key_id)
        done = widget_key_revoke(key=key)
    if done:
        messages.success(request, f"{key.name} is revoked: its tokens are refused from now on.")
    return redirect("widget_manage:keys")
