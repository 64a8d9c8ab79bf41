from typing import cast

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.models import User
from charterdesk.core.access import agent_required
from charterdesk.core.querystring import parse_id
from charterdesk.tickets.selectors import tickets_visible_to

from . import services
from .forms import CommitmentChangeForm, CommitmentForm
from .models import Commitment
from .selectors import BOARDS, board, by_owner


def _errors(request: HttpRequest, form: Form, exc: ValidationError | None = None) -> None:
    messages: list[str] = [str(m) for m in exc.messages] if exc is not None else []
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages += [f"{label}: {e}" if label else str(e) for e in errors]
    flash.error(request, "The promise was not saved. " + " ".join(messages))


@agent_required
@require_POST
def commitment_new(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form = CommitmentForm(request.POST)
    if not form.is_valid():
        _errors(request, form)
        return redirect("desk:ticket", ticket_id=ticket_id)
    agent = cast(User, request.user)
    try:
        with transaction.atomic():
            ticket = tickets_visible_to(agent).select_for_update().filter(pk=ticket_id).first()
            if ticket is None:
                raise Http404("No such ticket.")
            services.commitment_create(ticket, agent, **form.cleaned_data)
        flash.success(request, "Promise recorded; the requester is told by mail.")
    except ValidationError as exc:
        _errors(request, form, exc)
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
        _errors(request, form)
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
        _errors(request, form, exc)
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
