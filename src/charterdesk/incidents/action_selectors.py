"""Reads of post-mortem follow-up actions (support staff only)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, F, QuerySet, Value, When

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm

from .models import FollowUpAction, PostMortem


def _check(user: User) -> None:
    if not user.has_perm(Perm.RUN_INCIDENTS):
        raise PermissionDenied("Follow-up actions are support staff's.")


def actions_of(user: User, postmortem: PostMortem) -> QuerySet[FollowUpAction]:
    _check(user)
    return postmortem.actions.select_related("owner").order_by(
        F("done_at").asc(nulls_first=True), F("due_on").asc(nulls_last=True), "id"
    )


def action_get_for(user: User, action_id: int) -> FollowUpAction:
    _check(user)
    return FollowUpAction.objects.select_related("owner", "postmortem__incident").get(pk=action_id)


def actions_across(
    user: User, today: date, *, owner: User | None = None, only_open: bool = True
) -> QuerySet[FollowUpAction]:
    """Actions across incidents: open ones first, overdue first, then by due date (none
    last), with their incident, for one page."""
    _check(user)
    rows = FollowUpAction.objects.select_related("owner", "postmortem__incident")
    if owner is not None:
        rows = rows.filter(owner=owner)
    if only_open:
        rows = rows.filter(done_at__isnull=True)
    overdue = Case(
        When(done_at__isnull=True, due_on__lt=today, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    return rows.annotate(overdue=overdue).order_by(
        F("done_at").asc(nulls_first=True),
        "-overdue",
        F("due_on").asc(nulls_last=True),
        "id",
    )
