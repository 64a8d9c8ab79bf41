"""The ticket page's collapsed forms, drawn when the agent opens them (issue #13).

Most side forms of the ticket page sit in a `<details>` that is closed by default (escalate,
ask for help, record a promise, link, merge, …). Building and drawing them on every visit
cost a third of the page, though an agent opens one or two. The page shows a placeholder in
each closed `<details>`; opening it asks for the form (htmx, `toggle once`), and without
JavaScript the placeholder is a link to the form on a page of its own. A form that failed
(posted with errors) is drawn in the page as before, open, with its errors.

Each entry: the form's heading, its fragment template and what the template needs (for a
form of one row, a time entry or a promise, `row` is its id: it must be the ticket's).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.commitments.forms import CommitmentChangeForm, CommitmentForm
from charterdesk.commitments.models import CommitmentState
from charterdesk.escalations.forms import DeEscalateForm, EscalateForm
from charterdesk.hours.forms import TimeEntryChangeForm
from charterdesk.insights.forms import RootCauseForm, TicketCategoryForm
from charterdesk.knowledge.forms import FlagForm
from charterdesk.knowledge.models import FlagKind
from charterdesk.routing.models import WorkMode
from charterdesk.sla.selectors import running_clocks_of
from charterdesk.swarms.forms import CollaboratorForm, HelpRequestForm
from charterdesk.tickets import selectors
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import tags_of
from charterdesk.workspace.forms import fields_form_context
from charterdesk.workspace.ticket_forms import FollowerForm, LinkForm, MergeForm

from .forms import AnonymizeForm, OverrideForm

Context = Callable[[Ticket, User, int | None], dict[str, Any]]


@dataclass(frozen=True)
class Deferred:
    title: str
    template: str
    context: Context


def _override(ticket: Ticket, user: User, row: int | None) -> dict[str, Any]:
    return {"override": OverrideForm(clocks=list(running_clocks_of(ticket)))}


def _anonymize(ticket: Ticket, user: User, row: int | None) -> dict[str, Any]:
    if not user.has_perm(Perm.ANONYMIZE_TICKETS):
        raise Http404("Only administrators and operators anonymize tickets.")
    return {"anonymize": AnonymizeForm()}


def _escalate(ticket: Ticket, user: User, row: int | None) -> dict[str, Any]:
    return {"form": EscalateForm(), "swarm": ticket.queue.work_mode == WorkMode.SWARM}


def _category(ticket: Ticket, user: User, row: int | None) -> dict[str, Any]:
    return {
        "category_form": TicketCategoryForm(initial={"category": ticket.category_id}),
        "cause_form": RootCauseForm(initial={"root_cause": ticket.root_cause}),
    }


def _time_change(ticket: Ticket, user: User, row: int | None) -> dict[str, Any]:
    entry = ticket.time.filter(pk=row).first() if row is not None else None
    if entry is None or not (entry.agent_id == user.pk or user.has_perm(Perm.CORRECT_OTHERS_TIME)):
        raise Http404("No such time entry of yours.")
    initial = {
        "minutes": entry.minutes,
        "activity": entry.activity,
        "billable": entry.billable,
        "note": entry.note,
    }
    return {"e": entry, "cf": TimeEntryChangeForm(initial=initial, prefix=f"e{entry.pk}")}


def _promise_change(ticket: Ticket, user: User, row: int | None) -> dict[str, Any]:
    open_ = ticket.commitments.filter(state=CommitmentState.OPEN)
    promise = open_.filter(pk=row).first() if row is not None else None
    if promise is None:
        raise Http404("No such open promise on this ticket.")
    return {"c": promise, "change_form": CommitmentChangeForm(auto_id=False)}


DEFERRED: dict[str, Deferred] = {
    "deadline": Deferred("Change a deadline by hand", "desk/_override_form.html", _override),
    "anonymize": Deferred("Anonymize this ticket", "desk/_anonymize_form.html", _anonymize),
    "escalate": Deferred("Escalate", "escalations/_escalate_form.html", _escalate),
    "pass-down": Deferred(
        "Pass down a tier",
        "escalations/_down_form.html",
        lambda ticket, user, row: {"down_form": DeEscalateForm()},
    ),
    "help": Deferred(
        "Ask for help", "swarms/_help_form.html", lambda t, u, r: {"help_form": HelpRequestForm()}
    ),
    "collaborator": Deferred(
        "Add a collaborator",
        "swarms/_add_form.html",
        lambda ticket, user, row: {"add_form": CollaboratorForm()},
    ),
    "promise": Deferred(
        "Record a promise",
        "commitments/_new_form.html",
        lambda ticket, user, row: {"form": CommitmentForm(initial={"owner": user.pk})},
    ),
    "link": Deferred(
        "Link a ticket", "workspace/_link_form.html", lambda t, u, r: {"link_form": LinkForm()}
    ),
    "merge": Deferred(
        "Merge into another ticket",
        "workspace/_merge_form.html",
        lambda ticket, user, row: {"merge_form": MergeForm()},
    ),
    "follower": Deferred(
        "Add a follower",
        "workspace/_follower_form.html",
        lambda ticket, user, row: {"follower_form": FollowerForm()},
    ),
    "fields": Deferred(
        "Tags and fields",
        "workspace/_fields_form.html",
        lambda ticket, user, row: fields_form_context(user, ticket, tags_of(ticket)),
    ),
    "category": Deferred("Category and cause", "insights/_category_forms.html", _category),
    "article-needed": Deferred(
        "No article fits?",
        "knowledge/_flag_form.html",
        lambda ticket, user, row: {"flag": FlagForm(initial={"kind": FlagKind.NEEDED})},
    ),
    "time-change": Deferred("Correct time", "hours/_change_form.html", _time_change),
    "promise-change": Deferred(
        "Keep, break, cancel or move a promise", "commitments/_change_form.html", _promise_change
    ),
}


@agent_required
def ticket_form(
    request: HttpRequest, ticket_id: int, name: str, row: int | None = None
) -> HttpResponse:
    """One collapsed form of the ticket page: the fragment htmx puts in the opened
    `<details>`, or a page of its own without JavaScript."""
    deferred = DEFERRED.get(name)
    if deferred is None:
        raise Http404("No such form.")
    user = signed_in_user(request)
    try:
        ticket = selectors.ticket_get_for(user, ticket_id)
    except Ticket.DoesNotExist as exc:
        raise Http404("No such ticket.") from exc
    context = {"ticket": ticket, **deferred.context(ticket, user, row)}
    if request.headers.get("HX-Request"):
        return render(request, deferred.template, context)
    context.update(title=deferred.title, fragment=deferred.template)
    return render(request, "desk/ticket_form.html", context)
