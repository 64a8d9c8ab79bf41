"""Post-mortem follow-up actions in the REST API: listed and added per post-mortem,
changed and ticked off one by one, and listed across incidents
(`GET /postmortem-actions?owner=me&open=1`). Support staff only."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.core.pagination import page_of
from charterdesk.core.validators import MAX_ID, Id

from . import services
from .action_schemas import ActionFilters, ActionIn, ActionOut, ActionPage, ActionPatch
from .action_selectors import action_get_for, actions_across, actions_of
from .models import FollowUpAction
from .selectors import incident_get_for, incident_lock_for, postmortem_get_for
from .services.actions import UNSET, action_owner, action_update

router = Router(tags=["incidents"])


@router.get("/incidents/{incident_id}/postmortem/actions", response=list[ActionOut])
def list_actions(request: HttpRequest, incident_id: Id) -> QuerySet[FollowUpAction]:
    user = user_of(request)
    postmortem = postmortem_get_for(user, incident_get_for(user, incident_id))
    return actions_of(user, postmortem).select_related("postmortem")[:200]


@router.post("/incidents/{incident_id}/postmortem/actions", response={201: ActionOut})
def add_action(request: HttpRequest, incident_id: Id, payload: ActionIn) -> Status[FollowUpAction]:
    user = user_of(request)
    with transaction.atomic(durable=True):
        incident = incident_lock_for(user, incident_id)
        postmortem = postmortem_get_for(user, incident)
        action = services.action_add(
            postmortem,
            user,
            text=payload.text,
            owner=action_owner(payload.owner_id),
            due_on=payload.due_on,
        )
    return Status(201, action)


@router.patch("/postmortem-actions/{action_id}", response=ActionOut)
def update_action(request: HttpRequest, action_id: Id, payload: ActionPatch) -> FollowUpAction:
    user = user_of(request)
    given = payload.dict(exclude_unset=True)
    with transaction.atomic(durable=True):
        action = action_get_for(user, action_id)
        return action_update(
            action,
            user,
            timezone.now(),
            text=given.get("text"),
            owner=action_owner(given["owner_id"]) if "owner_id" in given else UNSET,
            due_on=given.get("due_on", UNSET),
            done=given.get("done"),
        )


def _owner(user: User, given: str | None) -> User | None:
    if not given:
        return None
    if given == "me":
        return user
    if not given.isdigit() or int(given) > MAX_ID:
        raise ValidationError({"owner": "Give `me` or a user id."})
    found = User.objects.filter(pk=int(given)).first()
    if found is None:
        raise ValidationError({"owner": f"No user has the id {given}."})
    return found


@router.get("/postmortem-actions", response=ActionPage)
def list_actions_across(request: HttpRequest, filters: Query[ActionFilters]) -> dict[str, Any]:
    """Newest first (a cursor page); `open=1`: not done; each says whether it is overdue."""
    user = user_of(request)
    rows = actions_across(
        user,
        timezone.localdate(),
        owner=_owner(user, filters.owner),
        only_open=filters.open,
    )
    items, next_url = page_of(request, rows, filters.cursor, filters.limit)
    return {"items": items, "next": next_url}
