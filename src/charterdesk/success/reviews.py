"""Account reviews: scheduled per organization (cadence on its account plan), an agenda
prepared from the account, then notes, action items and the next review date."""

import calendar
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.customers.models import Organization

from .agenda import agenda_for
from .models import AccountPlan, AccountReview, ReviewState

TEXT_LIMIT = 20000


DEFAULT_CADENCE_MONTHS = 3


def cadence_of(organization: Organization) -> int:
    plan = AccountPlan.objects.filter(organization=organization).first()
    return plan.review_every_months if plan else DEFAULT_CADENCE_MONTHS


MAX_CADENCE_MONTHS = 24


def cadence_set(*, organization: Organization, months: int) -> AccountPlan:
    """How often the organization is reviewed (the next review after a held one)."""
    if not 1 <= months <= MAX_CADENCE_MONTHS:
        raise ValidationError(
            {"review_every_months": f"Between 1 and {MAX_CADENCE_MONTHS} months."}
        )
    plan, _ = AccountPlan.objects.update_or_create(
        organization=organization, defaults={"review_every_months": months}
    )
    return plan


def next_review_due(organization: Organization) -> date | None:
    """The day of the next review: the scheduled one, or one cadence after the last review
    held; None for an organization never reviewed nor scheduled."""
    reviews = AccountReview.objects.filter(organization=organization)
    scheduled = reviews.filter(state=ReviewState.SCHEDULED).order_by("scheduled_for").first()
    if scheduled is not None:
        return scheduled.scheduled_for
    held = reviews.filter(state=ReviewState.HELD).order_by("-scheduled_for").first()
    return months_after(held.scheduled_for, cadence_of(organization)) if held else None


def months_after(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_schedule(
    *, organization: Organization, on: date, now: datetime | None = None
) -> AccountReview:
    """Schedule a review on `on`, its agenda prepared now (editable until it is held)."""
    now = now or timezone.now()
    if on < now.date():
        raise ValidationError({"scheduled_for": "Choose today or a later day."})
    return AccountReview.objects.create(
        organization=organization, scheduled_for=on, agenda=agenda_for(organization, now)
    )


def review_reschedule(
    *, review: AccountReview, on: date, now: datetime | None = None
) -> AccountReview:
    """Move a scheduled review to another day (its owner is reminded again before it)."""
    now = now or timezone.now()
    if review.state != ReviewState.SCHEDULED:
        raise ValidationError({"scheduled_for": "The review was held; its day is on the record."})
    if on < now.date():
        raise ValidationError({"scheduled_for": "Choose today or a later day."})
    review.scheduled_for = on
    review.reminded_at = None
    review.save(update_fields=["scheduled_for", "reminded_at"])
    return review


def review_edit_agenda(*, review: AccountReview, agenda: str) -> AccountReview:
    if review.state != ReviewState.SCHEDULED:
        raise ValidationError({"agenda": "The review was held; its agenda is on the record."})
    if len(agenda) > TEXT_LIMIT:
        raise ValidationError({"agenda": f"Keep it under {TEXT_LIMIT} characters."})
    review.agenda = agenda
    review.save(update_fields=["agenda"])
    return review


def review_hold(
    *,
    review: AccountReview,
    actor: User,
    notes: str,
    action_items: str,
    next_on: date | None,
    now: datetime | None = None,
) -> AccountReview | None:
    """Record the review (notes, action items) and schedule the next one: on `next_on`, or
    one cadence after this one. Returns the next review."""
    now = now or timezone.now()
    errors = {}
    if review.state != ReviewState.SCHEDULED:
        errors["notes"] = "This review is already on the record."
    if not notes.strip():
        errors["notes"] = "Write what was said."
    if next_on is not None and next_on <= now.date():
        errors["next_on"] = "The next review is after today."
    if errors:
        raise ValidationError(errors)
    review.state = ReviewState.HELD
    review.notes = notes.strip()[:TEXT_LIMIT]
    review.action_items = action_items.strip()[:TEXT_LIMIT]
    review.held_at = now
    review.held_by = actor
    review.save(update_fields=["state", "notes", "action_items", "held_at", "held_by"])
    organization = review.organization
    following = next_on or months_after(review.scheduled_for, cadence_of(organization))
    following = max(following, now.date() + timedelta(days=1))
    return review_schedule(organization=organization, on=following, now=now)
