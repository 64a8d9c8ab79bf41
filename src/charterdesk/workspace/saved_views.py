"""Pages of saved views: open one in the queue, save the queue's filters, delete one."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm

from . import services
from .filters import KEYS, queue_params
from .models import SavedView
from .selectors import view_get_for


class SaveViewForm(forms.Form):
    name = forms.CharField(max_length=80)
    shared = forms.BooleanField(required=False, label="Share with every agent")


def _view(user: User, view_id: int) -> SavedView:
    try:
        return view_get_for(user, view_id)
    except SavedView.DoesNotExist as exc:
        raise Http404("No such view.") from exc


@agent_required
def view_open(request: HttpRequest, view_id: int) -> HttpResponse:
    """The queue with the view's filters."""
    view = _view(signed_in_user(request), view_id)
    params = {**queue_params(view.filters), "view": str(view.pk)}
    return redirect(f"{reverse('desk:queue')}?{urlencode(params)}")


@agent_required
@require_POST
def view_new(request: HttpRequest) -> HttpResponse:
    """Save the queue's current filters (posted as hidden fields) as a view."""
    form, user = SaveViewForm(request.POST), signed_in_user(request)
    filters = {key: request.POST.get(key, "") for key in KEYS}
    back = f"{reverse('desk:queue')}?{urlencode({k: v for k, v in filters.items() if v})}"
    if not form.is_valid():
        context = {
            "title": "Save the queue's filters as a view",
            "intro": "The view was not saved: correct the fields below.",
            "form": form,
            "hidden": [(k, v) for k, v in filters.items() if v],
            "skip": () if user.has_perm(Perm.SHARE_MACROS) else ("shared",),
            "action": reverse("workspace:new_view"),
            "submit": "Save view",
            "back": back,
        }
        return render(request, "workspace/form_again.html", context)
    try:
        with transaction.atomic(durable=True):
            view = services.view_create(user, filters=filters, **form.cleaned_data)
    except ValidationError as exc:
        flash.error(request, "The view was not saved: " + " ".join(exc.messages))
        return redirect(back)
    flash.success(request, f"View “{view.name}” saved.")
    return redirect("workspace:view", view_id=view.pk)


@agent_required
@require_POST
def view_delete(request: HttpRequest, view_id: int) -> HttpResponse:
    user = signed_in_user(request)
    with transaction.atomic(durable=True):
        view = _view(user, view_id)
        services.view_delete(user, view)
    flash.success(request, f"View “{view.name}” deleted.")
    return redirect("desk:queue")
