"""Problem tickets: one ticket stands for a problem many customers hit; their tickets link
to it as incidents, and solving the problem answers and solves them all in one step.
Callers own the transaction; the replies leave through the outbox on commit."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.tickets.models import (
    OPEN_STATUSES,
    CustomField,
    CustomFieldValue,
    EventKind,
    Status,
    Ticket,
)
from charterdesk.tickets.services import message_add, ticket_set_fields, ticket_update
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
    own history. A field required to solve that an incident lacks takes the problem's
    value. Refused, with nothing changed, when a ticket cannot be solved."""
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
    _carry_required_fields(problem, incidents, actor)
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


def _carry_required_fields(problem: Ticket, incidents: list[Ticket], actor: User) -> None:
    """A field required to solve (the root cause) that an incident lacks takes the
    problem's value: their cause is the problem's. Two queries to read; a history line for
    each value set."""
    required = {f.pk: f for f in CustomField.objects.filter(active=True, required_to_solve=True)}
    if not required or not incidents:
        return
    values = dict(
        CustomFieldValue.objects.filter(ticket=problem, field_id__in=required).values_list(
            "field_id", "value"
        )
    )
    have = set(
        CustomFieldValue.objects.filter(ticket__in=incidents, field_id__in=values).values_list(
            "ticket_id", "field_id"
        )
    )
    fields = {f.key: f for f in required.values()}
    for incident in incidents:
        missing = {
            required[field_id].key: value
            for field_id, value in values.items()
            if (incident.pk, field_id) not in have
        }
        if missing:
            ticket_set_fields(incident, actor, missing, fields=fields)


def _check_solvable(tickets: list[Ticket]) -> None:
    """Every ticket can be solved: none closed, none without a field required to solve
    (two queries for them all). The error names the first ten that cannot."""
    required = list(CustomField.objects.filter(active=True, required_to_solve=True))
    have = set()
    if required:
        have = set(
            CustomFieldValue.objects.filter(ticket__in=tickets, field__in=required).values_list(
                "ticket_id", "field_id"
            )
        )
    problems = []
    for ticket in tickets:
        missing = [f.label for f in required if (ticket.pk, f.pk) not in have]
        if ticket.status == Status.CLOSED:
            problems.append(f"#{ticket.pk} is closed")
        elif missing:
            problems.append(f"#{ticket.pk} needs {', '.join(missing)}")
    if problems:
        more = f"; and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise ValidationError({"reply": [f"Nothing solved: {'; '.join(problems[:10])}{more}."]})


def _check_agent(actor: User) -> None:
    if not actor.has_perm(Perm.WORK_TICKETS):
        raise PermissionDenied("Problem tickets are for agents.")
