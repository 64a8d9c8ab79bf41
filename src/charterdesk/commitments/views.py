from typing import Any

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User
from charterdesk.core.forms import flash_errors
from charterdesk.core.panels import show_again
from charterdesk.core.querystring import parse_id
from charterdesk.tickets.selectors import ticket_locked_or_404

from . import services
from .forms import CommitmentChangeForm, CommitmentForm
from .models import Commitment
from .selectors import BOARDS, board, by_owner, commitment_lock_for


@agent_required
@require_POST
def commitment_new(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form = CommitmentForm(request.POST)
    if not form.is_valid():
        return show_again(request, "ticket", ticket_id, "commitments:new", form)
    agent = signed_in_user(request)
    try:
        with transaction.atomic(durable=True):
            ticket = ticket_locked_or_404(agent, ticket_id)
            services.commitment_create(ticket, agent, **form.cleaned_data)
    except ValidationError as exc:
        return show_again(request, "ticket", ticket_id, "commitments:new", form, exc)
    flash.success(request, "Promise recorded; the requester sees it on the request.")
    return redirect("desk:ticket", ticket_id=ticket_id)


def _locked(user: User, commitment_id: int) -> Commitment:
    try:
        return commitment_lock_for(user, commitment_id)
    except Commitment.DoesNotExist as exc:
        raise Http404("No such promise.") from exc


def _change(commitment: Commitment, agent: User, data: dict[str, Any]) -> None:
    if data["due_at"]:
        services.commitment_reschedule(commitment, agent, data["due_at"], data["note"])
    if data["state"]:
        services.commitment_settle(commitment, agent, data["state"], data["note"])


@agent_required
@require_POST
def commitment_change(request: HttpRequest, commitment_id: int) -> HttpResponse:
    form, agent = CommitmentChangeForm(request.POST), signed_in_user(request)
    with transaction.atomic(durable=True):
        commitment = _locked(agent, commitment_id)
        if not form.is_valid():
            flash_errors(request, "The promise was not saved.", form)
            return redirect("desk:ticket", ticket_id=commitment.ticket_id)
        try:
            with transaction.atomic():  # a savepoint: a refused change writes nothing
                _change(commitment, agent, form.cleaned_data)
            flash.success(request, "Promise updated.")
        except ValidationError as exc:
            flash_errors(request, "The promise was not saved.", form, exc)
    if request.POST.get("back") == "dashboard":
        return redirect("commitments:dashboard")
    return redirect("desk:ticket", ticket_id=commitment.ticket_id)


@agent_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Promises for the support manager: overdue, due soon, broken, and per owner."""
    now = timezone.now()
    name = request.GET.get("list", "overdue")
    if name not in BOARDS:
        name = "overdue"
    owner = request.GET.get("owner", "")
    rows = board(name, now, parse_id(owner))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "commitments/dashboard.html",
        {
            "boards": BOARDS,
            "current": name,
            "page": page,
            "owners": by_owner(now),
            "owner": owner,
            "now": now,
            "change_form": CommitmentChangeForm(auto_id=False),
        },
    )
