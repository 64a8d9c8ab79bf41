"""Bulk actions: the same changes (or a macro) on many tickets at once, each ticket in its
own savepoint so one refusal (a closed ticket, a field required to solve) does not stop
the others; every change in each ticket's history; the last action undoable.

The caller owns the transaction. For a thousand tickets: the tickets are read and locked
in one query, their tags and field values in one query each, and each ticket's writes go
through the ticket services (history, clocks, mail on commit), a chunk of tickets at a
time: the chunk's clocks are read in one query and, like its history lines and its mail
(outbox rows, references, one sending task), written in a few statements at the end of
the chunk (sla.store, tickets.services.history, mail.outbox); each ticket's row is saved
once (tickets.services.saving)."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.core.batching import chunks
from charterdesk.mail.outbox import OutboxBatch, outbox_in_batch, threads_prefetch
from charterdesk.routing.models import Queue
from charterdesk.sla.store import ClockBatch, clocks_in_batch
from charterdesk.tickets import services as ticket_services
from charterdesk.tickets.models import (
    Category,
    CategorySource,
    CustomFieldValue,
    EventKind,
    Ticket,
    TicketTag,
)
from charterdesk.tickets.selectors import tickets_visible_to
from charterdesk.tickets.services.followers import followers_prefetch
from charterdesk.tickets.services.history import HistoryBatch, history_in_batch, record
from charterdesk.tickets.services.saving import saved_once

from .bulk_tags import TagBatch, tags_in_batch
from .changes import ChangeSet, check_changes, stored_form
from .models import BulkAction, BulkItem, Macro
from .services import macro_apply, macro_count_uses

MAX_TICKETS = 1000
CHUNK = 250  # tickets whose clocks and history lines are held in memory at once
UNDO_WITHIN = timedelta(hours=24)
PROPERTIES = ("status", "priority", "request_type", "queue_id", "assignee_id")
CATEGORY = ("category_id", "category_source", "category_confidence")  # undo restores all three


@dataclass
class Outcome:
    id: int
    ok: bool
    changed: list[str] = field(default_factory=list)
    error: str = ""


@dataclass
class BulkResult:
    bulk: BulkAction | None
    outcomes: list[Outcome]

    @property
    def changed_count(self) -> int:
        return sum(1 for o in self.outcomes if o.ok and o.changed)


def check_ids(ids: Sequence[object]) -> list[int]:
    clean = list(dict.fromkeys(int(str(i)) for i in ids if str(i).isdigit()))
    if not clean:
        raise ValidationError({"ids": "Select at least one ticket."})
    if len(clean) > MAX_TICKETS:
        raise ValidationError({"ids": f"Change at most {MAX_TICKETS} tickets at once."})
    return clean


def tickets_bulk_update(
    actor: User,
    ids: Sequence[object],
    changes: dict[str, Any] | None = None,
    *,
    macro: Macro | None = None,
    at: datetime | None = None,
) -> BulkResult:
    """Apply `changes` and/or `macro` (fetched through `macros_visible_to`) to each
    ticket the agent may see; an outcome per id, in the order given."""
    if not actor.is_agent:
        raise PermissionDenied("Only agents change tickets.")
    wanted = check_ids(ids)
    change_set = check_changes(changes or {})
    if change_set.is_empty and macro is None:
        raise ValidationError({"changes": "Choose a change or a macro to apply."})
    description = describe(change_set, macro, len(wanted))
    stored = stored_form(change_set)
    if macro is not None:  # the macro's changes and the bulk's, applied in one step
        change_set = check_changes(macro.changes).then(change_set)
    now = at or timezone.now()
    tickets = (
        tickets_visible_to(actor)
        .select_for_update(of=("self",))
        .select_related("requester", "organization", "queue__team", "contract__plan")
        .in_bulk(wanted)
    )
    before = snapshots(list(tickets.values()))
    bulk = BulkAction.objects.create(
        actor=actor,
        description=description,
        changes=stored,
        macro=macro,
        created_at=now,
    )
    outcomes, items = _in_chunks(wanted, tickets, before, actor, change_set, macro, bulk, now)
    BulkItem.objects.bulk_create(items)
    applied = sum(1 for outcome in outcomes if outcome.ok)
    if macro is not None and applied:
        macro_count_uses(macro, applied, now)
    return BulkResult(bulk, outcomes)


def _in_chunks(
    wanted: list[int],
    tickets: dict[int, Ticket],
    before: dict[int, dict[str, Any]],
    actor: User,
    change_set: ChangeSet,
    macro: Macro | None,
    bulk: BulkAction,
    now: datetime,
) -> tuple[list[Outcome], list[BulkItem]]:
    """Each ticket in turn, a chunk at a time: the chunk's clocks, history lines and tags
    held in memory and written when the chunk ends."""
    outcomes: list[Outcome] = []
    items: list[BulkItem] = []
    for part in chunks(wanted, CHUNK):
        tags = {ticket_id: before[ticket_id]["tags"] for ticket_id in part if ticket_id in before}
        if macro is not None and macro.body.strip():  # a public reply: mail to each ticket's people
            present = [tickets[ticket_id] for ticket_id in part if ticket_id in tickets]
            followers_prefetch(present)
            threads_prefetch(present)
        with (
            history_in_batch() as history,
            clocks_in_batch(part) as clocks,
            tags_in_batch(tags) as tag_batch,
            outbox_in_batch() as outbox,
        ):
            batches = (history, clocks, tag_batch, outbox)
            for ticket_id in part:
                ticket = tickets.get(ticket_id)
                if ticket is None:
                    outcomes.append(Outcome(ticket_id, False, error="No such ticket."))
                    continue
                outcome = _one(ticket, actor, change_set, macro, bulk, now, batches)
                outcomes.append(outcome)
                items.append(_item(bulk, ticket, before[ticket_id], outcome))
    return outcomes, items


def _item(bulk: BulkAction, ticket: Ticket, before: dict[str, Any], outcome: Outcome) -> BulkItem:
    return BulkItem(
        bulk=bulk, ticket=ticket, before=before, changed=outcome.changed, error=outcome.error[:500]
    )


def _one(
    ticket: Ticket,
    actor: User,
    change_set: ChangeSet,
    macro: Macro | None,
    bulk: BulkAction,
    now: datetime,
    batches: tuple[HistoryBatch, ClockBatch, TagBatch, OutboxBatch],
) -> Outcome:
    history, clocks, tags, outbox = batches
    try:
        # A savepoint, with the batch's lines, clocks and mail: a refused ticket writes
        # nothing. The reply and the changes save the ticket's row once, at the end.
        with (
            transaction.atomic(),
            history.ticket_unit(),
            clocks.ticket_unit(ticket.pk),
            tags.ticket_unit(ticket.pk),
            outbox.ticket_unit(),
            saved_once(ticket),
        ):
            if macro is not None:
                changed = macro_apply(
                    ticket, actor, macro, at=now, change_set=change_set, count_use=False
                )
            else:
                changed = change_set.apply(ticket, actor, at=now)
            record(ticket, actor, EventKind.BULK, new=bulk.description, internal=True, at=now)
    except (ValidationError, PermissionDenied) as exc:
        return Outcome(ticket.pk, False, error=" ".join(_messages(exc)))
    return Outcome(ticket.pk, True, list(dict.fromkeys(changed)))


def _messages(exc: Exception) -> list[str]:
    return list(exc.messages) if isinstance(exc, ValidationError) else [str(exc)]


def snapshots(tickets: list[Ticket]) -> dict[int, dict[str, Any]]:
    """What undo restores, per ticket: its properties, tags and field values (two queries
    for all of them)."""
    ids = [t.pk for t in tickets]
    tags: dict[int, list[str]] = defaultdict(list)
    for ticket_id, name in TicketTag.objects.filter(ticket_id__in=ids).values_list(
        "ticket_id", "name"
    ):
        tags[ticket_id].append(name)
    fields: dict[int, dict[str, str]] = defaultdict(dict)
    for ticket_id, key, value in CustomFieldValue.objects.filter(ticket_id__in=ids).values_list(
        "ticket_id", "field__key", "value"
    ):
        fields[ticket_id][key] = value
    return {
        t.pk: {
            **{name: getattr(t, name) for name in (*PROPERTIES, *CATEGORY)},
            "tags": sorted(tags[t.pk]),
            "fields": fields[t.pk],
        }
        for t in tickets
    }


def describe(change_set: ChangeSet, macro: Macro | None, count: int) -> str:
    parts = [f"{key.replace('_', ' ')}" for key in change_set.properties]
    if change_set.add_tags:
        parts.append("tags +" + " +".join(change_set.add_tags))
    if change_set.remove_tags:
        parts.append("tags -" + " -".join(change_set.remove_tags))
    if change_set.category is not None:
        category = change_set.category[0]
        parts.append(f"category {category.path}" if category else "category cleared")
    if change_set.fields:
        parts.append(", ".join(change_set.fields))
    if macro is not None:
        parts.append(f"macro “{macro.title}”")
    return f"{', '.join(parts)} on {count} ticket{'' if count == 1 else 's'}"[:500]


def last_bulk_of(actor: User, now: datetime | None = None) -> BulkAction | None:
    """The agent's last bulk action, if it can still be undone."""
    since = (now or timezone.now()) - UNDO_WITHIN
    last = BulkAction.objects.filter(actor=actor).order_by("-created_at", "-id").first()
    if last is None or last.undone_at is not None or last.created_at < since:
        return None
    return last


def bulk_undo(actor: User, bulk: BulkAction, *, at: datetime | None = None) -> BulkResult:
    """Put back what the bulk action changed on each ticket: properties, tags and field
    values, each restore in the history. Replies and notes a macro posted stay sent."""
    if bulk.actor_id != actor.pk:
        raise PermissionDenied("Only the agent who made a bulk action undoes it.")
    if bulk.undone_at is not None:
        raise ValidationError({"bulk": "This bulk action is already undone."})
    now = at or timezone.now()
    items = list(bulk.items.exclude(changed=[]).filter(error=""))
    tickets = (
        tickets_visible_to(actor)
        .select_for_update(of=("self",))
        .in_bulk([item.ticket_id for item in items])
    )
    references = _references(items)
    outcomes = []
    for part in chunks(items, CHUNK):
        with history_in_batch() as history, clocks_in_batch(i.ticket_id for i in part) as clocks:
            for item in part:
                ticket = tickets.get(item.ticket_id)
                if ticket is None:
                    outcomes.append(Outcome(item.ticket_id, False, error="No such ticket."))
                    continue
                units = (history, clocks)
                outcomes.append(_restore(ticket, actor, item, references, bulk, now, units))
    bulk.undone_at = now
    bulk.save(update_fields=["undone_at"])
    return BulkResult(bulk, outcomes)


def _references(items: list[BulkItem]) -> dict[str, dict[int, Any]]:
    """The queues and agents the tickets had before, fetched once."""
    queue_ids = {i.before.get("queue_id") for i in items} - {None}
    agent_ids = {i.before.get("assignee_id") for i in items} - {None}
    category_ids = {i.before.get("category_id") for i in items if "category" in i.changed}
    return {
        "queue_id": Queue.objects.in_bulk(queue_ids),
        "assignee_id": User.objects.in_bulk(agent_ids),
        "category_id": Category.objects.in_bulk(category_ids - {None}) if category_ids else {},
    }


def _restore(
    ticket: Ticket,
    actor: User,
    item: BulkItem,
    references: dict[str, dict[int, Any]],
    bulk: BulkAction,
    now: datetime,
    batches: tuple[HistoryBatch, ClockBatch],
) -> Outcome:
    before, changed = item.before, set(item.changed)
    properties: dict[str, Any] = {}
    for name in PROPERTIES:
        field_name = name.removesuffix("_id")
        if field_name not in changed:
            continue
        value = before.get(name)
        properties[field_name] = references[name].get(value) if name in references else value
    custom = {key: before["fields"].get(key, "") for key in changed if key not in _BUILT_IN}
    history, clocks = batches
    try:
        with transaction.atomic(), history.ticket_unit(), clocks.ticket_unit(ticket.pk):
            restored: list[str] = []
            if "tags" in changed and ticket_services.ticket_set_tags(
                ticket, actor, before["tags"], at=now
            ):
                restored.append("tags")
            if custom:
                restored += ticket_services.ticket_set_fields(ticket, actor, custom, at=now)
            if "category" in changed and _restore_category(ticket, actor, before, references, now):
                restored.append("category")
            if properties:
                restored += ticket_services.ticket_update(ticket, actor, now, **properties)
            note = f"undo of: {bulk.description}"
            record(ticket, actor, EventKind.BULK, new=note, internal=True, at=now)
    except (ValidationError, PermissionDenied) as exc:
        return Outcome(ticket.pk, False, error=" ".join(_messages(exc)))
    return Outcome(ticket.pk, True, restored)


def _restore_category(
    ticket: Ticket,
    actor: User,
    before: dict[str, Any],
    references: dict[str, dict[int, Any]],
    now: datetime,
) -> bool:
    """The category back as it was, with how it was set (a model's stays the model's)."""
    category = references["category_id"].get(before.get("category_id") or 0)
    source = before.get("category_source") or CategorySource.PERSON
    return ticket_services.ticket_categorize(
        ticket,
        category,
        by=actor if source == CategorySource.PERSON else None,
        source=CategorySource(source),
        confidence=before.get("category_confidence"),
        at=now,
    )


_BUILT_IN = frozenset(
    {"status", "priority", "request_type", "queue", "assignee", "tags", "category"}
)
