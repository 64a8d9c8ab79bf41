from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required, contact_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User
from charterdesk.core.forms import add_service_errors, flash_errors
from charterdesk.core.panels import show_again
from charterdesk.tickets.selectors import ticket_locked_or_404

from . import services
from .forms import DecisionForm, EstimateForm, WithdrawForm
from .models import Estimate
from .selectors import estimate_lock, estimate_lock_for, estimates_of


@agent_required
@require_POST
def estimate_new(request: HttpRequest, ticket_id: int) -> HttpResponse:
    agent = signed_in_user(request)
    form = EstimateForm(request.POST)
    if not form.is_valid():
        return show_again(request, "ticket", ticket_id, "estimates:new", form)
    try:
        with transaction.atomic(durable=True):
            ticket = ticket_locked_or_404(agent, ticket_id, "requester", "contract__plan")
            services.estimate_send(ticket, agent, **form.cleaned_data)
    except ValidationError as exc:
        return show_again(request, "ticket", ticket_id, "estimates:new", form, exc)
    flash.success(request, "Estimate sent; the customer approves or declines it.")
    return redirect("desk:ticket", ticket_id=ticket_id)


def _locked(user: User, estimate_id: int) -> Estimate:
    try:
        return estimate_lock_for(user, estimate_id)
    except Estimate.DoesNotExist as exc:
        raise Http404("No such estimate.") from exc


@agent_required
@require_POST
def estimate_withdraw(request: HttpRequest, estimate_id: int) -> HttpResponse:
    agent = signed_in_user(request)
    form = WithdrawForm(request.POST)
    with transaction.atomic(durable=True):
        estimate = _locked(agent, estimate_id)
        if not form.is_valid():
            flash_errors(request, "The estimate was not withdrawn.", form=form)
            return redirect("desk:ticket", ticket_id=estimate.ticket_id)
        try:
            with transaction.atomic():  # a savepoint: a refused withdrawal writes nothing
                services.estimate_withdraw(estimate, agent, form.cleaned_data["note"])
            flash.success(request, "Estimate withdrawn.")
        except ValidationError as exc:
            flash_errors(request, "The estimate was not withdrawn.", exc=exc)
    return redirect("desk:ticket", ticket_id=estimate.ticket_id)


@contact_required
@require_POST
def portal_decide(request: HttpRequest, estimate_id: int) -> HttpResponse:
    """A contact of the customer approves or declines in the portal's ticket page; the
    panel there shows the outcome (the portal ticket page shows no flash messages)."""
    user = signed_in_user(request)
    form = DecisionForm(request.POST)
    with transaction.atomic(durable=True):
        estimate = _locked(user, estimate_id)
        if form.is_valid():
            try:
                with transaction.atomic():  # a savepoint: a refused decision writes nothing
                    services.estimate_decide(
                        estimate,
                        user.contact,
                        form.cleaned_data["choice"],
                        form.cleaned_data["note"],
                    )
            except ValidationError:
                pass  # already decided or withdrawn: the panel shows its state
    url = reverse("portal:ticket", kwargs={"ticket_id": estimate.ticket_id})
    return redirect(f"{url}#estimates")


def decide(request: HttpRequest, token: str) -> HttpResponse:
    """The page a mail link opens. A GET never decides (mail scanners follow links): it
    shows the estimate with the choice clicked preselected and a confirm button."""
    try:
        estimate, contact = services.from_token(token)
    except Estimate.DoesNotExist as exc:
        raise Http404("This estimate link is not valid.") from exc
    form = DecisionForm(request.POST or None, initial={"choice": request.GET.get("choice")})
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                locked = estimate_lock(estimate.pk)
                data = form.cleaned_data
                services.estimate_decide(locked, contact, data["choice"], data["note"])
            return redirect(request.path)  # the page now shows the decision
        except PermissionDenied as exc:
            raise Http404("This estimate link is not valid.") from exc
        except ValidationError as exc:
            add_service_errors(form, exc)
    tracked = estimates_of(estimate.ticket).filter(pk=estimate.pk).first()
    return render(
        request,
        "estimates/decide.html",
        {"estimate": tracked or estimate, "form": form, "contact": contact},
    )
