"""Problem tickets: one ticket stands for a problem many customers hit; their tickets link
to it as incidents, and solving the problem answers and solves them all in one step.
Callers own the transaction; the replies leave through the outbox on commit."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.tickets.models import OPEN_STATUSES, EventKind, Status, Ticket
from charterdesk.tickets.services import message_add, ticket_update
from charterdesk.tickets.services.fields import missing_to_solve
from charterdesk.tickets.services.history import record

from .placeholders import render, unknown_placeholders, values_for

DEFAULT_SOLUTION = (
    "Hello {{ requester.first_name }},\n\nthe problem behind your request "
    "#{{ ticket.id }} is solved. If you still see it, reply to this mail and we will "
    "look again.\n\n{{ agent.name }}"
)


@dataclass(frozen=True)
class ProblemSolved:
    problem: Ticket
    solved: list[int]  # the incident tickets answered and solved


def ticket_mark_problem(ticket: Ticket, actor: User, is_problem: bool = True) -> bool:
    """Mark (or unmark) a ticket as a problem; unmarking is refused while incidents link
    to it. Returns whether it changed."""
    _check_agent(actor)
    if ticket.is_problem == is_problem:
        return False
    if not is_problem and incidents_of(ticket).exists():
        raise ValidationError(
            {"is_problem": ["Unlink its incident tickets before it stops being a problem."]}
        )
    ticket.is_problem = is_problem
    ticket.save(update_fields=["is_problem"])
    record(
        ticket,
        actor,
        EventKind.CHANGED,
        field="problem",
        old="" if is_problem else "problem ticket",
        new="problem ticket" if is_problem else "",
        internal=True,
    )
    return True


def incidents_of(problem: Ticket) -> QuerySet[Ticket]:
    """The incident tickets linked to a problem ticket, oldest first."""
    return Ticket.objects.filter(links_out__target=problem, links_out__kind="incident_of").order_by(
        "id"
    )


def problem_solve(problem: Ticket, actor: User, reply: str) -> ProblemSolved:
    """Reply `reply` (placeholders allowed, rendered for each ticket) on each open
    incident linked to `problem` and solve it, then solve the problem itself; each in its
    own history. Refused, with nothing changed, when a ticket cannot be solved."""
    _check_agent(actor)
    if not problem.is_problem:
        raise ValidationError({"reply": [f"Ticket #{problem.pk} is not a problem ticket."]})
    wrong = unknown_placeholders(reply)
    if wrong:
        raise ValidationError({"reply": [f"Unknown placeholders: {', '.join(wrong)}."]})
    if not reply.strip():
        raise ValidationError({"reply": ["Write the reply the incident tickets get."]})
    incidents = list(
        incidents_of(problem)
        .filter(status__in=OPEN_STATUSES)
        .select_related("requester", "organization", "contract__plan", "queue")
    )
    _check_solvable([*incidents, problem])
    for incident in incidents:
        message_add(incident, actor, render(reply, values_for(incident, actor)))
        ticket_update(incident, actor, status=Status.SOLVED)
        record(
            incident, actor, EventKind.CHANGED, field="problem", new=f"solved with #{problem.pk}"
        )
    if problem.status != Status.SOLVED:
        ticket_update(problem, actor, status=Status.SOLVED)
    return ProblemSolved(problem, [t.pk for t in incidents])


def _check_solvable(tickets: list[Ticket]) -> None:
    problems = []
    for ticket in tickets:
        if ticket.status == Status.CLOSED:
            problems.append(f"#{ticket.pk} is closed")
            continue
        missing = missing_to_solve(ticket)
        if missing:
            problems.append(f"#{ticket.pk} needs {', '.join(f.label for f in missing)}")
    if problems:
        raise ValidationError({"reply": [f"Nothing solved: {'; '.join(problems)}."]})


def _check_agent(actor: User) -> None:
    if not actor.has_perm(Perm.WORK_TICKETS):
        raise PermissionDenied("Problem tickets are for agents.")
