"""Learning paths and shadow-mode drafts over the API (agents only): a learner's paths
with progress, marking an item done, drafting a reply; a mentor's drafts to approve or
return."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.core.validators import Id
from charterdesk.tickets import selectors as ticket_selectors

from .models import DraftReply, PathItem
from .paths import item_done
from .schemas import (
    ApproveIn,
    DoneIn,
    DoneOut,
    DraftIn,
    DraftOut,
    PathDetail,
    PathOut,
    ReturnIn,
)
from .selectors import (
    draft_for_mentor,
    drafts_to_review,
    is_enrolled,
    items_with_progress,
    paths_of_learner,
)
from .shadow import draft_approve, draft_return, draft_submit

router = Router(tags=["learning"])


def _agent(request: HttpRequest) -> User:
    user = user_of(request)
    if not user.is_agent:
        raise PermissionDenied("Learning paths are for agents.")
    return user


def _path_row(path: Any) -> dict[str, Any]:
    return {
        "id": path.pk,
        "title": path.title,
        "description": path.description,
        "product": path.product.name if path.product else None,
        "request_type": path.request_type,
        "item_count": path.item_count,
        "done_count": path.done_count,
    }


@router.get("/learning/paths", response=list[PathOut])
def list_paths(request: HttpRequest) -> list[dict[str, Any]]:
    """The paths you are enrolled on, with your progress (one query)."""
    return [_path_row(p) for p in paths_of_learner(_agent(request))]


@router.get("/learning/paths/{path_id}", response=PathDetail)
def get_path(request: HttpRequest, path_id: Id) -> dict[str, Any]:
    user = _agent(request)
    path = paths_of_learner(user).get(pk=path_id)
    items = [
        {
            "id": i.pk,
            "position": i.position,
            "kind": "ticket" if i.ticket_id else "article",
            "ticket_id": i.ticket_id,
            "article_id": i.article_id,
            "title": i.title,
            "note": i.note,
            "done_at": i.done.done_at if i.done else None,  # type: ignore[attr-defined]
            "reflection": i.done.reflection if i.done else "",  # type: ignore[attr-defined]
        }
        for i in items_with_progress(path, user)
    ]
    return {**_path_row(path), "items": items}


@router.post("/learning/items/{item_id}/done", response=DoneOut)
def mark_done(request: HttpRequest, item_id: Id, payload: DoneIn) -> Any:
    user = _agent(request)
    item = PathItem.objects.get(pk=item_id)
    if not is_enrolled(item.path_id, user):
        raise PathItem.DoesNotExist
    with transaction.atomic(durable=True):
        done = item_done(learner=user, item=item, reflection=payload.reflection)
    return {"item_id": item.pk, "done_at": done.done_at, "reflection": done.reflection}


@router.post("/tickets/{ticket_id}/drafts", response={201: DraftOut})
def create_draft(request: HttpRequest, ticket_id: Id, payload: DraftIn) -> Status[DraftReply]:
    """In shadow mode: a public reply for your mentor to approve (not sent, not shown to
    the customer, no SLA clock moves)."""
    user = _agent(request)
    with transaction.atomic(durable=True):
        ticket = ticket_selectors.ticket_lock_for(user, ticket_id)
        draft = draft_submit(
            ticket=ticket, learner=user, body=payload.body, status_after=payload.status
        )
    return Status(201, draft)


@router.get("/learning/drafts", response=list[DraftOut])
def list_drafts(request: HttpRequest) -> Any:
    """The drafts waiting for your review, oldest first (at most 100)."""
    return drafts_to_review(_agent(request)).select_related("mentor")[:100]


@router.post("/learning/drafts/{draft_id}/approve", response=DraftOut)
def approve_draft(request: HttpRequest, draft_id: Id, payload: ApproveIn) -> Any:
    user = _agent(request)
    with transaction.atomic(durable=True):
        draft = draft_for_mentor(user, draft_id)
        draft_approve(draft=draft, mentor=user, body=payload.body)
    return DraftReply.objects.select_related("learner", "mentor").get(pk=draft_id)


@router.post("/learning/drafts/{draft_id}/return", response=DraftOut)
def return_draft(request: HttpRequest, draft_id: Id, payload: ReturnIn) -> Any:
    user = _agent(request)
    with transaction.atomic(durable=True):
        draft = draft_for_mentor(user, draft_id)
        draft_return(draft=draft, mentor=user, comment=payload.comment)
    return DraftReply.objects.select_related("learner", "mentor").get(pk=draft_id)
