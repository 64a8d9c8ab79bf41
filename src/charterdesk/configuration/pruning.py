"""What an import asked to delete what the file does not name (`delete_missing`) does
with those rows. Only a row that nothing else refers to is deleted, with its own parts (a
plan's coverage rows and targets, a team's members list): a calendar a plan uses, an
organization with tickets, a contact with surveys stay, reported as kept with the reason.
Agents are deactivated instead, as on their page (their history stays theirs, their
open tickets go back to the queue) and mailboxes disabled;
contracts are records (hours, statements) and are never deleted."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import permissions_of
from charterdesk.mailboxes.models import Mailbox
from charterdesk.plans.models import Contract, PlanCoverage, PlanStatus, PlanVersion, ResponseTarget
from charterdesk.plans.versions import plan_version_discard
from charterdesk.routing.agents import agent_deactivate

from .kinds import Context, Kind

PARTS: set[type[models.Model]] = {PlanCoverage, ResponseTarget}


def retire(ctx: Context, kind: Kind, row: Any) -> tuple[str, str]:
    """(action, reason): deleted, deactivated, disabled, or kept and why."""
    if kind.model is Contract:
        return "kept", "contracts are records (hours, statements); end it instead"
    if isinstance(row, User):
        return _retire_agent(ctx, row)
    if isinstance(row, PlanVersion):
        if row.status != PlanStatus.DRAFT:
            return "kept", "a published version is what customers were promised"
        plan_version_discard(version=row)
        return "deleted", ""
    if isinstance(row, Mailbox):
        if not row.enabled:
            return "kept", "already disabled"
        row.enabled = False
        row.save()
        return "disabled", ""
    users = _users_of(row)
    if users:
        return "kept", f"still used by {users}"
    row.delete()
    return "deleted", ""


def _retire_agent(ctx: Context, row: User) -> tuple[str, str]:
    """Deactivated as on the agent's page (open tickets back to the queue)."""
    if ctx.actor is not None and ctx.actor.pk == row.pk:
        return "kept", "that is you"
    if not row.is_active:
        return "kept", "already inactive"
    if ctx.actor is not None and not permissions_of(row.role) <= permissions_of(ctx.actor.role):
        return "kept", "a role with more rights than yours"
    try:
        agent_deactivate(actor=ctx.actor, agent=row)
    except PermissionDenied as exc:
        return "kept", str(exc)
    return "deactivated", ""


def _users_of(row: models.Model) -> str:
    """What else a delete of `row` would delete or is stopped by, in words, or ""."""
    collector = Collector(using=router.db_for_write(type(row)))
    try:
        collector.collect([row])
    except (ProtectedError, RestrictedError) as exc:
        found = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        return _words({type(obj) for obj in found}, len(list(found)))
    others = {m for m, rows in collector.data.items() if m is not type(row) and rows}
    others -= PARTS
    others |= {
        qs.model
        for qs in collector.fast_deletes
        if isinstance(qs, models.QuerySet)
        and qs.model not in PARTS
        and not qs.model._meta.auto_created
        and qs.exists()
    }
    return _words(others, 0) if others else ""


def _words(models_found: set[Any], count: int) -> str:
    names = sorted(str(m._meta.verbose_name_plural) for m in models_found)
    return (f"{count} " if count else "") + ", ".join(names)
