"""Links between tickets, merging, problem tickets (agents only) and followers (agents,
and customers for themselves) over the API."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.core.validators import Id
from charterdesk.customers.models import Contact
from charterdesk.tickets import selectors
from charterdesk.tickets.models import Ticket, TicketFollower
from charterdesk.tickets.schemas import TicketOut
from charterdesk.tickets.services import follower_add, follower_remove, followers_of
from charterdesk.workspace.follow import follower_add_by_email, ticket_by_number
from charterdesk.workspace.link_schemas import (
    FollowerIn,
    FollowerOut,
    LinkIn,
    LinkOut,
    MergeIn,
    MergeOut,
    ProblemIn,
    SolveProblemIn,
    SolveProblemOut,
)
from charterdesk.workspace.links import link_add, link_remove, links_of
from charterdesk.workspace.merge import ticket_merge
from charterdesk.workspace.models import TicketLink
from charterdesk.workspace.problems import problem_solve, ticket_mark_problem

from .tickets import _with_sla

router = Router(tags=["links"])


def _agent(request: HttpRequest) -> User:
    user = user_of(request)
    if not user.is_agent:
        raise PermissionDenied("Links, merges and problem tickets are for agents.")
    return user


@contextmanager
def _fields_as(names: dict[str, str]) -> Iterator[None]:
    """A service's field errors under the names of the request's fields."""
    try:
        yield
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError(
            {names.get(field, field): errors for field, errors in exc.message_dict.items()}
        ) from exc


def _own_contact(user: User) -> Contact:
    contact = getattr(user, "contact", None)
    if contact is None:
        raise PermissionDenied("This account is not a contact of any organization.")
    return contact


@router.get("/tickets/{ticket_id}/links", response=list[LinkOut])
def list_links(request: HttpRequest, ticket_id: Id) -> QuerySet[TicketLink]:
    return links_of(selectors.ticket_get_for(_agent(request), ticket_id))


@router.post("/tickets/{ticket_id}/links", response={201: LinkOut})
def create_link(request: HttpRequest, ticket_id: Id, payload: LinkIn) -> Status[TicketLink]:
    agent = _agent(request)
    with transaction.atomic(durable=True), _fields_as({"target": "target_id"}):
        ticket = selectors.ticket_lock_for(agent, ticket_id)
        target = ticket_by_number(agent, payload.target_id, "target_id")
        link = link_add(ticket, target, payload.kind, agent)
    return Status(201, link)


@router.delete("/tickets/{ticket_id}/links/{link_id}", response={204: None})
def delete_link(request: HttpRequest, ticket_id: Id, link_id: Id) -> Status[None]:
    agent = _agent(request)
    with transaction.atomic(durable=True):
        ticket = selectors.ticket_lock_for(agent, ticket_id)
        link = links_of(ticket).filter(pk=link_id).first()
        if link is None:
            raise Http404("No such link on this ticket.")
        link_remove(link, agent)
    return Status(204, None)


@router.post("/tickets/{ticket_id}/merge", response=MergeOut)
def merge_ticket(request: HttpRequest, ticket_id: Id, payload: MergeIn) -> dict[str, int]:
    """Merge this ticket (the duplicate) into `into_id`; see docs/workspace.md for the rule
    across organizations."""
    agent = _agent(request)
    with transaction.atomic(durable=True), _fields_as({"surviving": "into_id"}):
        duplicate = selectors.ticket_lock_for(agent, ticket_id, "requester")
        surviving = ticket_by_number(agent, payload.into_id, "into_id")
        carried = ticket_merge(
            duplicate,
            surviving,
            agent,
            across_organizations=payload.across_organizations,
            notice=payload.notice,
        )
    return {"surviving_id": surviving.pk, "merged_id": duplicate.pk, "messages_carried": carried}


@router.put("/tickets/{ticket_id}/problem", response=TicketOut)
def mark_problem(request: HttpRequest, ticket_id: Id, payload: ProblemIn) -> Ticket:
    agent = _agent(request)
    with transaction.atomic(durable=True):
        ticket_mark_problem(selectors.ticket_lock_for(agent, ticket_id), agent, payload.is_problem)
    return _with_sla([selectors.ticket_get_for(agent, ticket_id)])[0]


@router.post("/tickets/{ticket_id}/problem/solve", response=SolveProblemOut)
def solve_problem(request: HttpRequest, ticket_id: Id, payload: SolveProblemIn) -> dict:
    """Reply to and solve every open incident linked to this problem ticket, then the
    problem itself; all or nothing."""
    agent = _agent(request)
    with transaction.atomic(durable=True):
        problem = selectors.ticket_lock_for(agent, ticket_id)
        solved = problem_solve(problem, agent, payload.reply)
    return {"problem_id": problem.pk, "solved": solved.solved}


@router.get("/tickets/{ticket_id}/followers", response=list[FollowerOut])
def list_followers(request: HttpRequest, ticket_id: Id) -> list[TicketFollower]:
    """Agents see every follower; customers see their colleagues who follow, no agents."""
    user = user_of(request)
    followers = followers_of(selectors.ticket_get_for(user, ticket_id))
    return list(followers if user.is_agent else followers.filter(contact__isnull=False))


@router.post("/tickets/{ticket_id}/followers", response={201: FollowerOut})
def add_follower(
    request: HttpRequest, ticket_id: Id, payload: FollowerIn
) -> Status[TicketFollower]:
    user = user_of(request)
    with transaction.atomic(durable=True), _fields_as({"follower": "email"}):
        ticket = selectors.ticket_lock_for(user, ticket_id)
        if payload.email:
            follower = follower_add_by_email(ticket, user, payload.email)
        elif user.is_agent:
            follower = follower_add(ticket, user, user=user)
        else:
            follower = follower_add(ticket, user, contact=_own_contact(user))
    return Status(201, follower)


@router.delete("/tickets/{ticket_id}/followers/{follower_id}", response={204: None})
def remove_follower(request: HttpRequest, ticket_id: Id, follower_id: Id) -> Status[None]:
    user = user_of(request)
    with transaction.atomic(durable=True):
        ticket = selectors.ticket_lock_for(user, ticket_id)
        follower = followers_of(ticket).filter(pk=follower_id).first()
        if follower is None:
            raise Http404("No such follower on this ticket.")
        follower_remove(follower, user)
    return Status(204, None)
