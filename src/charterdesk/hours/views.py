from typing import cast

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.models import User
from charterdesk.core.access import agent_required
from charterdesk.core.forms import flash_errors
from charterdesk.core.vocabulary import hours_text
from charterdesk.plans.models import Contract
from charterdesk.tickets.selectors import ticket_locked_or_404

from . import services
from .forms import PurchaseForm, TimeEntryChangeForm, TimeEntryForm
from .models import TimeEntry
from .selectors import bank_of, purchases_of


@agent_required
@require_POST
def time_entry_new(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form = TimeEntryForm(request.POST)
    if not form.is_valid():
        flash_errors(request, "The time was not saved.", form)
        return redirect("desk:ticket", ticket_id=ticket_id)
    agent = cast(User, request.user)
    try:
        with transaction.atomic():
            ticket = ticket_locked_or_404(agent, ticket_id)
            entry = services.time_entry_create(ticket, agent, **form.cleaned_data)
        flash.success(request, f"Logged {entry.minutes} minutes.")
    except ValidationError as exc:
        flash_errors(request, "The time was not saved.", form, exc)
    return redirect("desk:ticket", ticket_id=ticket_id)


def _entry_or_404(entry_id: int) -> TimeEntry:
    entry = TimeEntry.objects.select_related("ticket", "agent", "contract").filter(pk=entry_id)
    found = entry.select_for_update(of=("self",)).first()
    if found is None:
        raise Http404("No such time entry.")
    return found


@agent_required
@require_POST
def time_entry_change(request: HttpRequest, entry_id: int) -> HttpResponse:
    form = TimeEntryChangeForm(request.POST, prefix=f"e{entry_id}")
    agent = cast(User, request.user)
    with transaction.atomic():
        entry = _entry_or_404(entry_id)
        if not form.is_valid():
            flash_errors(request, "The time was not saved.", form)
            return redirect("desk:ticket", ticket_id=entry.ticket_id)
        try:
            with transaction.atomic():
                services.time_entry_update(entry, agent, **form.cleaned_data)
            flash.success(request, "Time entry corrected.")
        except ValidationError as exc:
            flash_errors(request, "The time was not saved.", form, exc)
    return redirect("desk:ticket", ticket_id=entry.ticket_id)


@agent_required
@require_POST
def time_entry_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    with transaction.atomic():
        entry = _entry_or_404(entry_id)
        ticket_id = entry.ticket_id
        services.time_entry_delete(entry, cast(User, request.user))
    flash.success(request, "Time entry deleted.")
    return redirect("desk:ticket", ticket_id=ticket_id)


@agent_required
def contract_hours(request: HttpRequest, contract_id: int) -> HttpResponse:
    """A contract's hours bank and purchases; managers record purchased hours here."""
    contract = get_object_or_404(
        Contract.objects.select_related("organization", "plan", "relationship_manager"),
        pk=contract_id,
    )
    user = cast(User, request.user)
    form = PurchaseForm(request.POST or None)
    if request.method == "POST":
        if not user.is_staff:
            raise PermissionDenied("Only support managers record purchased hours.")
        if form.is_valid():
            with transaction.atomic():
                locked = Contract.objects.select_for_update().get(pk=contract.pk)
                purchase = services.purchase_create(locked, user, **form.cleaned_data)
            flash.success(request, f"Recorded {hours_text(purchase.hours)} purchased hours.")
            return redirect("hours:contract", contract_id=contract.pk)
    return render(
        request,
        "hours/contract.html",
        {
            "contract": contract,
            "bank": bank_of(contract),
            "purchases": purchases_of(contract)[:50],
            "form": form,
        },
    )
