"""The account reviews API: list and schedule an organization's reviews, read one, and
update it (agenda, day, or hold it with notes and action items, which schedules the next).
Agents read; support managers and the organization's relationship manager write;
customers get 403."""

from datetime import date
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.core.pagination import Cursor, Limit, page_of
from charterdesk.core.validators import Id

from . import reviews, selectors
from .models import AccountReview, ReviewState
from .schemas import ReviewIn, ReviewOut, ReviewPage, ReviewPatch

router = Router(tags=["account reviews"])


def _review(review: AccountReview) -> dict[str, Any]:
    return {
        "id": review.pk,
        "organization_id": review.organization_id,
        "scheduled_for": review.scheduled_for,
        "state": review.state,
        "agenda": review.agenda,
        "notes": review.notes,
        "action_items": [line for line in review.action_items.splitlines() if line.strip()],
        "held_at": review.held_at,
        "held_by_email": review.held_by.email if review.held_by else None,
    }


@router.get("/organizations/{organization_id}/reviews", response=ReviewPage)
def list_reviews(
    request: HttpRequest,
    organization_id: Id,
    state: Literal["scheduled", "held"] | None = None,
    cursor: Cursor | None = None,
    limit: Limit = 25,
) -> dict[str, Any]:
    """The organization's reviews, newest first, with the day the next one is due."""
    organization = selectors.organization_get_for(user_of(request), organization_id)
    rows = selectors.reviews_of(organization).select_related("held_by")
    items, next_url = page_of(request, rows, cursor, limit, state=state)
    return {
        "items": [_review(review) for review in items],
        "next": next_url,
        "next_review_due": reviews.next_review_due(organization),
        "review_every_months": reviews.cadence_of(organization),
    }


@router.post("/organizations/{organization_id}/reviews", response={201: ReviewOut})
def create_review(
    request: HttpRequest, organization_id: Id, payload: ReviewIn
) -> Status[dict[str, Any]]:
    """Schedule a review; its agenda is prepared at once from the account."""
    user = user_of(request)
    organization = selectors.organization_get_for(user, organization_id)
    selectors.require_writer_for(user, organization)
    with transaction.atomic(durable=True):
        review = reviews.review_schedule(organization=organization, on=payload.scheduled_for)
    return Status(201, _review(review))


@router.get("/reviews/{review_id}", response=ReviewOut)
def get_review(request: HttpRequest, review_id: Id) -> dict[str, Any]:
    return _review(selectors.review_get_for(user_of(request), review_id))


@router.patch("/reviews/{review_id}", response=ReviewOut)
def update_review(request: HttpRequest, review_id: Id, payload: ReviewPatch) -> dict[str, Any]:
    """Edit the agenda, move the day, or hold the review (`state: "held"` with `notes`,
    optional `action_items` and `next_on`): the next review is scheduled then."""
    user = user_of(request)
    _check_patch(payload)
    with transaction.atomic(durable=True):
        review = selectors.review_lock_for(user, review_id)
        if payload.agenda is not None:
            reviews.review_edit_agenda(review=review, agenda=payload.agenda)
        if payload.scheduled_for is not None:
            reviews.review_reschedule(review=review, on=payload.scheduled_for)
        if payload.state == ReviewState.HELD:
            _hold(review, user, payload)
    return _review(selectors.review_get_for(user, review_id))


def _hold(review: AccountReview, user: Any, payload: ReviewPatch) -> None:
    next_on: date | None = payload.next_on
    reviews.review_hold(
        review=review,
        actor=user,
        notes=payload.notes or "",
        action_items="\n".join(payload.action_items or []),
        next_on=next_on,
    )


def _check_patch(payload: ReviewPatch) -> None:
    if payload.state is None and (payload.notes or payload.action_items or payload.next_on):
        raise ValidationError({"state": 'Set "state": "held" to record notes.'})
    if payload.state is None and payload.agenda is None and payload.scheduled_for is None:
        raise ValidationError({"agenda": "Nothing to change: give agenda, scheduled_for or state."})
