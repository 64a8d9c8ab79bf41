from typing import cast

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.models import User
from charterdesk.core.access import agent_required
from charterdesk.core.forms import flash_errors
from charterdesk.core.querystring import parse_id
from charterdesk.tickets.selectors import ticket_locked_or_404

from . import services
from .forms import CommitmentChangeForm, CommitmentForm
from .models import Commitment
from .selectors import BOARDS, board, by_owner


@agent_required
@require_POST
def commitment_new(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form = CommitmentForm(request.POST)
    if not form.is_valid():
        flash_errors(request, "The promise was not saved.", form)
        return redirect("desk:ticket", ticket_id=ticket_id)
    agent = cast(User, request.user)
    try:
        with transaction.atomic():
            ticket = ticket_locked_or_404(agent, ticket_id)
            services.commitment_create(ticket, agent, **form.cleaned_data)
        flash.success(request, "Promise recorded; the requester is told by mail.")
    except ValidationError as exc:
        flash_errors(request, "The promise was not saved.", form, exc)
    return redirect("desk:ticket", ticket_id=ticket_id)


@agent_required
@require_POST
def commitment_change(request: HttpRequest, commitment_id: int) -> HttpResponse:
    form = CommitmentChangeForm(request.POST)
    ticket_id = (
        Commitment.objects.filter(pk=commitment_id).values_list("ticket_id", flat=True).first()
    )
    if ticket_id is None:
        raise Http404("No such promise.")
    if not form.is_valid():
        flash_errors(request, "The promise was not saved.", form)
        return redirect("desk:ticket", ticket_id=ticket_id)
    agent, data = cast(User, request.user), form.cleaned_data
    try:
        with transaction.atomic():
            commitment = (
                Commitment.objects.select_for_update()
                .select_related("ticket__requester", "owner")
                .get(pk=commitment_id)
            )
            if data["due_at"]:
                services.commitment_reschedule(commitment, agent, data["due_at"], data["note"])
            if data["state"]:
                services.commitment_settle(commitment, agent, data["state"], data["note"])
        flash.success(request, "Promise updated.")
    except ValidationError as exc:
        flash_errors(request, "The promise was not saved.", form, exc)
    if request.POST.get("back") == "dashboard":
        return redirect("commitments:dashboard")
    return redirect("desk:ticket", ticket_id=ticket_id)


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
            "change_form": CommitmentChangeForm(),
        },
    )
