from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.core.forms import flash_errors
from charterdesk.core.panels import show_again
from charterdesk.core.vocabulary import hours_text
from charterdesk.plans.models import Contract
from charterdesk.plans.selectors import contract_get_for, contract_lock_for
from charterdesk.tickets.selectors import ticket_locked_or_404

from . import services
from .forms import PurchaseForm, TimeEntryChangeForm, TimeEntryForm
from .models import TimeEntry
from .selectors import bank_of, purchases_of, time_entry_lock_for


@agent_required
@require_POST
def time_entry_new(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form = TimeEntryForm(request.POST)
    if not form.is_valid():
        return show_again(request, "ticket", ticket_id, "hours:new", form)
    agent = signed_in_user(request)
    try:
        with transaction.atomic(durable=True):
            ticket = ticket_locked_or_404(agent, ticket_id)
            entry = services.time_entry_create(ticket, agent, **form.cleaned_data)
    except ValidationError as exc:
        return show_again(request, "ticket", ticket_id, "hours:new", form, exc)
    flash.success(request, f"Logged {entry.minutes} minutes.")
    return redirect("desk:ticket", ticket_id=ticket_id)


def _entry_locked_or_404(user: User, entry_id: int) -> TimeEntry:
    try:
        return time_entry_lock_for(user, entry_id)
    except TimeEntry.DoesNotExist as exc:
        raise Http404("No such time entry.") from exc


@agent_required
@require_POST
def time_entry_change(request: HttpRequest, entry_id: int) -> HttpResponse:
    form = TimeEntryChangeForm(request.POST, prefix=f"e{entry_id}")
    agent = signed_in_user(request)
    with transaction.atomic(durable=True):
        entry = _entry_locked_or_404(agent, entry_id)
        if not form.is_valid():
            flash_errors(request, "The time was not saved.", form)
            return redirect("desk:ticket", ticket_id=entry.ticket_id)
        try:
            with transaction.atomic():  # a savepoint: a refused change writes nothing
                services.time_entry_update(entry, agent, **form.cleaned_data)
            flash.success(request, "Time entry corrected.")
        except ValidationError as exc:
            flash_errors(request, "The time was not saved.", form, exc)
    return redirect("desk:ticket", ticket_id=entry.ticket_id)


@agent_required
@require_POST
def time_entry_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    agent = signed_in_user(request)
    with transaction.atomic(durable=True):
        entry = _entry_locked_or_404(agent, entry_id)
        ticket_id = entry.ticket_id
        services.time_entry_delete(entry, agent)
    flash.success(request, "Time entry deleted.")
    return redirect("desk:ticket", ticket_id=ticket_id)


def _contract_or_404(user: User, contract_id: int, *, lock: bool = False) -> Contract:
    try:
        if lock:
            return contract_lock_for(user, contract_id)
        return contract_get_for(user, contract_id)
    except Contract.DoesNotExist as exc:
        raise Http404("No such contract.") from exc


@agent_required
def contract_hours(request: HttpRequest, contract_id: int) -> HttpResponse:
    """A contract's hours bank and purchases; managers record purchased hours here."""
    user = signed_in_user(request)
    contract = _contract_or_404(user, contract_id)
    form = PurchaseForm(request.POST or None)
    if request.method == "POST":
        if not user.has_perm(Perm.RECORD_PURCHASE):
            raise PermissionDenied("Only support managers record purchased hours.")
        if form.is_valid():
            with transaction.atomic(durable=True):
                locked = _contract_or_404(user, contract_id, lock=True)
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
