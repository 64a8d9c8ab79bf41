"""Desk pages: the triage list (agents pick a category in one click) and the model page
(managers: accuracy, threshold and precision target, confusions, retrain, history)."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required, staff_permission_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.roles import Perm
from charterdesk.tickets.models import Category, CategorySource
from charterdesk.tickets.selectors import ticket_locked_or_404
from charterdesk.tickets.services import ticket_categorize

from .forms import PickForm, TriageSettingsForm
from .models import TriageSettings
from .selectors import runs_for, serving_model_for
from .selectors_queue import offered_categories, waiting_for
from .training import TrainingBusyError, triage_settings_update, triage_train_request
from .views_data import model_data


@agent_required
def triage_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(waiting_for(signed_in_user(request)), 50).get_page(request.GET.get("page"))
    context = {"page": page, "categories": offered_categories()}
    return render(request, "triage/list.html", context)


@agent_required
@require_POST
def triage_pick(request: HttpRequest, ticket_id: int) -> HttpResponse:
    """The agent's choice: recorded as set by a person, so the next model learns it."""
    user = signed_in_user(request)
    form = PickForm(request.POST)
    category = Category.objects.filter(pk=form.data.get("category") or 0, active=True).first()
    if not form.is_valid() or category is None:
        flash.error(request, "Choose one of the categories.")
        return redirect("triage:list")
    with transaction.atomic(durable=True):
        ticket = ticket_locked_or_404(user, ticket_id)
        ticket_categorize(ticket, category, by=user, source=CategorySource.PERSON)
    flash.success(request, f"#{ticket.pk} “{ticket.subject}”: {category.path}.")
    return redirect("triage:list")


@staff_permission_required(Perm.MANAGE_SETTINGS)
def model_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    serving = serving_model_for(user)
    form = TriageSettingsForm(instance=TriageSettings.current())
    if request.method == "POST":
        form = TriageSettingsForm(request.POST, instance=TriageSettings.current())
        if form.is_valid():
            try:
                with transaction.atomic(durable=True):
                    triage_settings_update(actor=user, **form.cleaned_data)
                flash.success(request, "Triage settings saved; the next model uses them.")
                return redirect("triage:model")
            except ValidationError as exc:
                form.add_error(None, exc)
    runs = Paginator(runs_for(user), 20).get_page(request.GET.get("page"))
    data = model_data(serving) if serving else None
    if data:
        data["weakest"] = sorted(data["per_category"], key=lambda row: row["recall"])[:10]
    return render(request, "triage/model.html", {"model": data, "form": form, "runs": runs})


@staff_permission_required(Perm.MANAGE_SETTINGS)
@require_POST
def model_train(request: HttpRequest) -> HttpResponse:
    try:
        with transaction.atomic(durable=True):
            run = triage_train_request(
                requested_by=signed_in_user(request), reason="model page", at=timezone.now()
            )
    except TrainingBusyError as exc:
        flash.error(request, str(exc))
        return redirect("triage:model")
    flash.success(request, f"Training model v{run.version}; the current model serves meanwhile.")
    return redirect("triage:model")
