"""The ticket page's links, merge, problem and followers card: each form posts here, and
a refused one shows the page again with its errors (core.panels)."""

from collections.abc import Callable

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User
from charterdesk.core.panels import show_again
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import ticket_locked_or_404
from charterdesk.tickets.services import follower_add, follower_remove

from .follow import follower_add_by_email, ticket_by_number
from .links import link_add, link_remove
from .merge import ticket_merge
from .models import TicketLink
from .problems import problem_solve, ticket_mark_problem
from .ticket_forms import FollowerForm, LinkForm, MergeForm, SolveProblemForm

Action = Callable[[Ticket, User, dict[str, object]], str]


def _act(
    request: HttpRequest, ticket_id: int, key: str, form: forms.Form, act: Action
) -> HttpResponse:
    """Validate, run `act` on the locked ticket in one transaction, flash what it says."""
    if not form.is_valid():
        return show_again(request, "ticket", ticket_id, key, form)
    agent = signed_in_user(request)
    try:
        with transaction.atomic(durable=True):
            done = act(ticket_locked_or_404(agent, ticket_id), agent, form.cleaned_data)
    except ValidationError as exc:
        return show_again(request, "ticket", ticket_id, key, form, exc)
    flash.success(request, done)
    return redirect("desk:ticket", ticket_id=ticket_id)


@agent_required
@require_POST
def link_new(request: HttpRequest, ticket_id: int) -> HttpResponse:
    def act(ticket: Ticket, agent: User, data: dict[str, object]) -> str:
        target = ticket_by_number(agent, int(str(data["target"])), "target")
        link_add(ticket, target, str(data["kind"]), agent)
        return f"Linked to #{target.pk}."

    return _act(request, ticket_id, "workspace:link", LinkForm(request.POST), act)


@agent_required
@require_POST
def link_delete(request: HttpRequest, ticket_id: int, link_id: int) -> HttpResponse:
    agent = signed_in_user(request)
    with transaction.atomic(durable=True):
        ticket = ticket_locked_or_404(agent, ticket_id)
        link = TicketLink.objects.filter(pk=link_id).select_related("source", "target").first()
        if link is None or ticket.pk not in (link.source_id, link.target_id):
            raise Http404("No such link.")
        link_remove(link, agent)
    flash.success(request, "Link removed.")
    return redirect("desk:ticket", ticket_id=ticket_id)


@agent_required
@require_POST
def merge(request: HttpRequest, ticket_id: int) -> HttpResponse:
    def act(ticket: Ticket, agent: User, data: dict[str, object]) -> str:
        surviving = ticket_by_number(agent, int(str(data["surviving"])), "surviving")
        across = bool(data["across_organizations"])
        carried = ticket_merge(
            ticket, surviving, agent, across_organizations=across, notice=str(data["notice"])
        )
        return f"Merged into #{surviving.pk}: {carried} message(s) carried over."

    return _act(request, ticket_id, "workspace:merge", MergeForm(request.POST), act)


@agent_required
@require_POST
def problem_mark(request: HttpRequest, ticket_id: int) -> HttpResponse:
    agent, mark = signed_in_user(request), request.POST.get("is_problem") == "1"
    try:
        with transaction.atomic(durable=True):
            ticket_mark_problem(ticket_locked_or_404(agent, ticket_id), agent, mark)
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    else:
        flash.success(request, "Marked as a problem." if mark else "No longer a problem.")
    return redirect("desk:ticket", ticket_id=ticket_id)


@agent_required
@require_POST
def problem_solve_view(request: HttpRequest, ticket_id: int) -> HttpResponse:
    def act(ticket: Ticket, agent: User, data: dict[str, object]) -> str:
        solved = problem_solve(ticket, agent, str(data["reply"]))
        return f"Problem solved with {len(solved.solved)} incident ticket(s) answered and solved."

    return _act(request, ticket_id, "workspace:solve", SolveProblemForm(request.POST), act)


@agent_required
@require_POST
def follower_new(request: HttpRequest, ticket_id: int) -> HttpResponse:
    def act(ticket: Ticket, agent: User, data: dict[str, object]) -> str:
        follower = follower_add_by_email(ticket, agent, str(data["email"]))
        return f"{follower.email} follows this ticket."

    return _act(request, ticket_id, "workspace:follower", FollowerForm(request.POST), act)


@agent_required
@require_POST
def follow_me(request: HttpRequest, ticket_id: int) -> HttpResponse:
    agent = signed_in_user(request)
    with transaction.atomic(durable=True):
        ticket = ticket_locked_or_404(agent, ticket_id)
        follower = ticket.followers.filter(user=agent).first()
        if follower is None:
            follower_add(ticket, agent, user=agent)
        else:
            follower_remove(follower, agent)
    flash.success(request, "You follow this ticket." if follower is None else "Unfollowed.")
    return redirect("desk:ticket", ticket_id=ticket_id)


@agent_required
@require_POST
def follower_delete(request: HttpRequest, ticket_id: int, follower_id: int) -> HttpResponse:
    agent = signed_in_user(request)
    with transaction.atomic(durable=True):
        ticket = ticket_locked_or_404(agent, ticket_id)
        follower = ticket.followers.filter(pk=follower_id).select_related("user", "contact")
        found = follower.first()
        if found is None:
            raise Http404("No such follower.")
        follower_remove(found, agent)
    flash.success(request, f"{found.email} no longer follows this ticket.")
    return redirect("desk:ticket", ticket_id=ticket_id)
