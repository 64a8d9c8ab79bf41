"""Writes of the workspace: macros saved, changed, deleted and applied. Callers own the
transaction; the reply a macro posts goes through the ticket services (history, clocks,
and the mail to the customer through the outbox, on commit)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.core.validators import check_text
from charterdesk.routing.models import Team
from charterdesk.tickets import services as ticket_services
from charterdesk.tickets.models import EventKind, Ticket, Visibility
from charterdesk.tickets.services.history import record

from .changes import ChangeSet, check_changes, stored_form
from .filters import check_filters
from .models import Macro, MacroVisibility, SavedView
from .placeholders import render, unknown_placeholders, values_for


@dataclass(frozen=True)
class MacroInput:
    title: str
    body: str = ""
    note: str = ""
    visibility: str = MacroVisibility.PERSONAL
    team: Team | None = None
    changes: dict[str, Any] | None = None


def _check(actor: User, data: MacroInput) -> dict[str, Any]:
    """Every error of a macro at once, on the field it concerns; the stored changes."""
    errors: dict[str, list[str]] = {}
    title = check_text(data.title, "title").strip()
    if not title or len(title) > 100:
        errors["title"] = ["Give the macro a title (1 to 100 characters)."]
    for name in ("body", "note"):
        text = check_text(getattr(data, name), name)
        wrong = unknown_placeholders(text)
        if wrong:
            errors[name] = [f"Unknown placeholder: {', '.join(wrong)}. See the list below."]
        elif len(text) > 20_000:
            errors[name] = ["Keep it under 20,000 characters."]
    _check_visibility(actor, data, errors)
    changes: dict[str, Any] = {}
    try:
        change_set = check_changes(data.changes or {})
        changes = stored_form(change_set)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if not errors and not (data.body.strip() or data.note.strip() or changes):
        errors["body"] = ["A macro replies, notes or changes something: give it one of them."]
    if errors:
        raise ValidationError(errors)
    return changes


def _check_visibility(actor: User, data: MacroInput, errors: dict[str, list[str]]) -> None:
    if data.visibility not in MacroVisibility.values:
        errors["visibility"] = [f"Use one of: {', '.join(MacroVisibility.values)}."]
    elif data.visibility == MacroVisibility.TEAM:
        if data.team is None:
            errors["team"] = ["Choose the team that shares this macro."]
        elif not _in_team(actor, data.team) and not actor.has_perm(Perm.SHARE_MACROS):
            errors["team"] = ["You can share macros only with a team you belong to."]
    elif data.visibility == MacroVisibility.SHARED and not actor.has_perm(Perm.SHARE_MACROS):
        errors["visibility"] = ["Only team leads and managers share macros with every agent."]


def _in_team(user: User, team: Team) -> bool:
    return team.lead_id == user.pk or team.members.filter(pk=user.pk).exists()


def macro_create(actor: User, data: MacroInput) -> Macro:
    if not actor.is_agent:
        raise PermissionDenied("Macros are for agents.")
    changes = _check(actor, data)
    return Macro.objects.create(
        title=data.title.strip(),
        body=data.body,
        note=data.note,
        visibility=data.visibility,
        team=data.team if data.visibility == MacroVisibility.TEAM else None,
        changes=changes,
        owner=actor,
    )


def can_edit(user: User, macro: Macro) -> bool:
    """The owner edits a personal macro; team leads and managers the shared ones too."""
    return macro.owner_id == user.pk or (
        macro.visibility != MacroVisibility.PERSONAL and user.has_perm(Perm.SHARE_MACROS)
    )


def macro_update(actor: User, macro: Macro, data: MacroInput) -> Macro:
    if not can_edit(actor, macro):
        raise PermissionDenied("Only its owner, a team lead or a manager changes this macro.")
    macro.changes = _check(actor, data)
    macro.title, macro.body, macro.note = data.title.strip(), data.body, data.note
    macro.visibility = data.visibility
    macro.team = data.team if data.visibility == MacroVisibility.TEAM else None
    macro.updated_at = timezone.now()
    macro.save()
    return macro


def macro_delete(actor: User, macro: Macro) -> None:
    if not can_edit(actor, macro):
        raise PermissionDenied("Only its owner, a team lead or a manager deletes this macro.")
    macro.delete()


def macro_apply(
    ticket: Ticket,
    agent: User,
    macro: Macro,
    *,
    at: datetime | None = None,
    change_set: ChangeSet | None = None,
    count_use: bool = True,
) -> list[str]:
    """Apply a macro the agent may use (the caller fetched it through `macros_visible_to`
    and holds the ticket's lock): its reply, its note, its changes, a history line, and
    one more use on its count. `change_set`: the changes to make instead of the macro's
    stored ones (a bulk action checks them once and adds its own); `count_use=False`: the
    caller counts the uses itself (a bulk action, once for all its tickets). Returns what
    changed."""
    now = at or timezone.now()
    values = values_for(ticket, agent)
    if macro.body.strip():
        ticket_services.message_add(ticket, agent, render(macro.body, values), at=now)
    if macro.note.strip():
        note = render(macro.note, values)
        ticket_services.message_add(ticket, agent, note, Visibility.INTERNAL, at=now)
    changes = change_set if change_set is not None else check_changes(macro.changes)
    changed = changes.apply(ticket, agent, at=now)
    record(ticket, agent, EventKind.MACRO, new=macro.title, internal=True, at=now)
    if count_use:
        macro_count_uses(macro, 1, now)
    return changed


def macro_count_uses(macro: Macro, uses: int, at: datetime) -> None:
    Macro.objects.filter(pk=macro.pk).update(usage_count=F("usage_count") + uses, last_used_at=at)


def macro_preview(ticket: Ticket, agent: User, macro: Macro) -> dict[str, str]:
    """What the macro would write on this ticket, for the reply box."""
    values = values_for(ticket, agent)
    return {"body": render(macro.body, values), "note": render(macro.note, values)}


def view_create(
    actor: User, *, name: str, filters: dict[str, Any], shared: bool = False
) -> SavedView:
    """Save filters of the queue as a view; shared views by team leads and managers."""
    if not actor.is_agent:
        raise PermissionDenied("Views are for agents.")
    errors: dict[str, list[str]] = {}
    name = check_text(name, "name").strip()
    if not name or len(name) > 80:
        errors["name"] = ["Name the view (1 to 80 characters)."]
    if shared and not actor.has_perm(Perm.SHARE_MACROS):
        errors["shared"] = ["Only team leads and managers share views with every agent."]
    checked: dict[str, str] = {}
    try:
        checked = check_filters(filters, actor)
    except ValidationError as exc:
        errors.update({k: list(v) for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    return SavedView.objects.create(name=name, owner=actor, shared=shared, filters=checked)


def view_delete(actor: User, view: SavedView) -> None:
    if view.owner_id != actor.pk and not (view.shared and actor.has_perm(Perm.SHARE_MACROS)):
        raise PermissionDenied("Only its owner, a team lead or a manager deletes this view.")
    view.delete()
