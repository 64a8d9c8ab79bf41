"""Follow-up actions of a post-mortem: changed (text, owner, due date) and ticked off.
Adding one is `action_add` (postmortems.py); every change is on the incident's timeline."""

from datetime import date, datetime

from django.core.exceptions import ValidationError

from charterdesk.accounts.models import STAFF_ROLES, User

from ..choices import EventKind
from ..models import FollowUpAction
from ..timeline import event
from .checks import check_runner

UNSET = object()


def action_owner(owner_id: int | None) -> User | None:
    """The owner of an action: an active member of staff (None: nobody yet)."""
    if owner_id is None:
        return None
    owner = User.objects.filter(pk=owner_id, is_active=True, role__in=STAFF_ROLES).first()
    if owner is None:
        raise ValidationError({"owner_id": "Give an active member of staff."})
    return owner


def action_update(
    action: FollowUpAction,
    actor: User,
    now: datetime,
    *,
    text: str | None = None,
    owner: User | None | object = UNSET,
    due_on: date | None | object = UNSET,
    done: bool | None = None,
) -> FollowUpAction:
    """Change what was given. A new owner or due date re-arms the sweep's reminders."""
    check_runner(actor)
    changes = []
    if text is not None:
        text = " ".join(text.split())
        if not text:
            raise ValidationError({"text": "Say what is to be done."})
        action.text = text[:300]
        changes.append("text")
    if owner is not UNSET:
        action.owner = owner  # type: ignore[assignment]
        changes.append("owner")
    if due_on is not UNSET:
        action.due_on = due_on  # type: ignore[assignment]
        changes.append("due date")
    if "owner" in changes or "due date" in changes:
        action.reminded_at = action.overdue_at = None
    if done is not None and done != (action.done_at is not None):
        action.done_at = now if done else None
        changes.append("done" if done else "reopened")
    if changes:
        action.save()
        event(
            action.postmortem.incident,
            EventKind.POSTMORTEM,
            actor,
            f"Follow-up action “{action.text[:80]}”: {', '.join(changes)}",
            at=now,
        )
    return action
