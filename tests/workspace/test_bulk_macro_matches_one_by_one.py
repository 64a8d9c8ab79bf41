"""A bulk action holds clocks and history lines in memory and writes them per chunk
(sla.store, tickets.services.history); what it leaves behind must be exactly what applying
the macro ticket by ticket through the services leaves: tickets, history, clocks and their
events, replies, and mail in the outbox."""

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import datetime
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from charterdesk.customers.models import Contact
from charterdesk.mail.models import Delivery, MailReference, OutboundMail
from charterdesk.sla.models import SlaClock, SlaEvent
from charterdesk.tickets.models import EventKind, Message, Ticket, TicketEvent, TicketTag
from charterdesk.tickets.services import (
    follower_add,
    message_add,
    ticket_set_fields,
    ticket_update,
)
from charterdesk.tickets.services.history import record
from charterdesk.workspace import bulk
from charterdesk.workspace.bulk import bulk_undo, describe, tickets_bulk_update
from charterdesk.workspace.changes import check_changes
from charterdesk.workspace.services import MacroInput, macro_apply, macro_create
from tests.tickets.factories import open_ticket
from tests.workspace.factories import custom_field

MONDAY_10 = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
LATER = datetime(2026, 3, 3, 15, 30, tzinfo=ZoneInfo("Europe/Berlin"))
BODY = "Hi {{ requester.first_name }}, ticket #{{ ticket.id }} is fixed in 4.2."


def a_mixed_lot(personas: Any) -> list[Ticket]:
    """Tickets of three plans in different states: new, answered, waiting, urgent, one
    with the field it needs to be solved, one closed (which every macro refuses); two
    with followers (mailed every public reply, threaded on the mail before)."""
    tickets = [
        open_ticket(),
        open_ticket("bob@globex.example", priority="urgent"),
        open_ticket("carol@initech.example", request_type="how_to"),
        open_ticket(),
        open_ticket("bob@globex.example"),
        open_ticket(),
    ]
    message_add(tickets[1], personas.tier1, "Looking into it.")
    ticket_update(tickets[3], personas.tier1, status="pending")
    ticket_set_fields(tickets[4], personas.tier1, {"root_cause": "production"})
    ticket_update(tickets[5], personas.tier1, status="closed")
    follower_add(tickets[0], personas.tier1, contact=Contact.objects.get(email="wile@acme.example"))
    follower_add(tickets[1], personas.tier1, user=personas.tier2)
    return tickets


def one_by_one(agent: Any, tickets: list[Ticket], macro: Any, changes: dict[str, Any]) -> None:
    """What the bulk action did before it batched: each ticket through the services."""
    change_set = check_changes(macro.changes).then(check_changes(changes))
    description = describe(check_changes(changes), macro, len(tickets))
    for ticket in tickets:
        try:
            with transaction.atomic():
                macro_apply(ticket, agent, macro, at=LATER, change_set=change_set)
                record(ticket, agent, EventKind.BULK, new=description, internal=True, at=LATER)
        except (ValidationError, PermissionDenied):
            continue


def what_is_left(tickets: list[Ticket]) -> dict[str, list[Any]]:
    """Every row the action touched, with ids replaced by the ticket's place in the lot."""
    place = {t.pk: n for n, t in enumerate(tickets)}
    ids = list(place)

    def rows(queryset: Any, *drop: str) -> list[dict[str, Any]]:
        out = []
        for row in queryset.order_by("id").values():
            row = {k: _same_words(v, place) for k, v in row.items() if k not in ("id", *drop)}
            row["ticket_id"] = place[row["ticket_id"]]
            out.append(row)
        return out

    clocks = SlaClock.objects.filter(ticket_id__in=ids).order_by("ticket_id", "id")
    clock_place = {pk: n for n, pk in enumerate(clocks.values_list("id", flat=True))}
    events = rows(SlaEvent.objects.filter(ticket_id__in=ids))
    for event in events:
        event["clock_id"] = clock_place[event["clock_id"]]
    return {
        "tickets": [
            {k: _same_words(v, place) for k, v in row.items() if k != "id"}
            for row in Ticket.objects.filter(pk__in=ids).order_by("id").values()
        ],
        "history": sorted(rows(TicketEvent.objects.filter(ticket_id__in=ids)), key=_by_ticket),
        "clocks": sorted(rows(SlaClock.objects.filter(ticket_id__in=ids)), key=_by_ticket),
        "clock events": sorted(events, key=_by_ticket),
        "messages": sorted(rows(Message.objects.filter(ticket_id__in=ids)), key=_by_ticket),
        "tags": sorted(
            (place[t], name)
            for t, name in TicketTag.objects.filter(ticket_id__in=ids).values_list(
                "ticket_id", "name"
            )
        ),  # fmt: skip
        "outbox": sorted(
            rows(OutboundMail.objects.filter(ticket_id__in=ids), "message_id", "headers"),
            key=_by_ticket,
        ),
        "threading": _threading(ids, place),
    }


def _threading(ids: list[int], place: dict[int, int]) -> list[tuple[int, str, str]]:
    """Each mail's In-Reply-To and References, with every Message-ID named by its place
    among its ticket's references (they are random)."""
    order: dict[str, str] = {}
    seen: dict[int, int] = {}
    for ticket_id, message_id in (
        MailReference.objects.filter(ticket_id__in=ids).order_by("id").values_list(
            "ticket_id", "message_id"
        )
    ):  # fmt: skip
        seen[ticket_id] = seen.get(ticket_id, 0) + 1
        order[message_id] = f"ref {seen[ticket_id]}"

    def named(header: str) -> str:
        return re.sub(r"<([^>]+)>", lambda m: order.get(m.group(1), "unknown"), header)

    return sorted(
        (place[ticket_id], named(h.get("In-Reply-To", "")), named(h.get("References", "")))
        for ticket_id, h in OutboundMail.objects.filter(ticket_id__in=ids).values_list(
            "ticket_id", "headers"
        )
    )


def mail_states(tickets: list[Ticket]) -> Counter[str]:
    """The lot's mail by state, once the tasks enqueued on commit ran (the tests' task
    backend runs them at once): one task a mail one by one, one a chunk in bulk."""
    rows = OutboundMail.objects.filter(ticket__in=tickets, created_at__gte=LATER)
    return Counter(rows.values_list("state", flat=True))


def _by_ticket(row: dict[str, Any]) -> int:
    return int(row["ticket_id"])


def _same_words(value: Any, place: dict[int, int]) -> Any:
    """A text naming a ticket by its number (#12, …/tickets/12) names its place instead."""
    if not isinstance(value, str):
        return value
    value = re.sub(r"/mail/unfollow/[^\s\"<]+", "/mail/unfollow/<token>", value)  # a follow's id
    for pk, n in place.items():
        value = re.sub(rf"(?<=[#/]){pk}(?!\w)", f"<ticket {n}>", value)
    return value


@pytest.mark.parametrize(
    "macro_changes, changes",
    [
        ({"status": "pending", "add_tags": ["fix-4-2"]}, {"priority": "high"}),
        ({"status": "solved"}, {"add_tags": ["solved-in-bulk"], "priority": "low"}),
    ],
    ids=["pending with a tag, priority raised", "solved where it can be"],
)
def test_the_bulk_path_leaves_what_one_ticket_at_a_time_leaves(
    personas: Any, monkeypatch: pytest.MonkeyPatch, macro_changes: dict[str, Any],
    changes: dict[str, Any], django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    monkeypatch.setattr(bulk, "CHUNK", 4)  # several chunks, a refusal inside one
    custom_field("root_cause", required_to_solve=True)
    with time_machine.travel(MONDAY_10, tick=False):
        macro = macro_create(
            personas.tier1,
            MacroInput(title="Fixed", body=BODY, note="Told {{ requester.name }}.",
                       changes=macro_changes),
        )  # fmt: skip
        batched, single = a_mixed_lot(personas), a_mixed_lot(personas)
    with time_machine.travel(LATER, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            result = tickets_bulk_update(
                personas.tier1, [t.pk for t in batched], changes, macro=macro, at=LATER
            )
        macro.refresh_from_db()
        uses = macro.usage_count
        with django_capture_on_commit_callbacks(execute=True):
            one_by_one(personas.tier1, single, macro, changes)
    assert not result.outcomes[5].ok  # the closed ticket is refused in both
    macro.refresh_from_db()
    assert macro.usage_count == 2 * uses  # one use a ticket changed, in both
    expected, got = what_is_left(single), what_is_left(batched)
    for part in expected:
        assert got[part] == expected[part], part
    for lot in (single, batched):  # every reply mailed, none left waiting for the sweep
        assert mail_states(lot) == {Delivery.SENT: len(expected["outbox"]) - 1}  # 1 before


@contextmanager
def _not_batched(*_: Any) -> Iterator[Any]:
    """A batch that holds no ticket: every write goes straight to the database."""
    yield SimpleNamespace(ticket_unit=lambda *_: nullcontext())


def test_undo_leaves_what_it_leaves_without_batches(
    personas: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "CHUNK", 4)
    custom_field("root_cause", required_to_solve=True)
    changes = {"priority": "urgent", "add_tags": ["war-room"], "assignee": "me"}
    with time_machine.travel(MONDAY_10, tick=False):
        batched, single = a_mixed_lot(personas), a_mixed_lot(personas)
    with time_machine.travel(LATER, tick=False):
        done = tickets_bulk_update(personas.tier1, [t.pk for t in batched], changes, at=LATER)
        bulk_undo(personas.tier1, done.bulk, at=LATER)
        with monkeypatch.context() as plain:
            for name in ("history_in_batch", "clocks_in_batch", "tags_in_batch"):
                plain.setattr(bulk, name, _not_batched)
            done = tickets_bulk_update(personas.tier1, [t.pk for t in single], changes, at=LATER)
            bulk_undo(personas.tier1, done.bulk, at=LATER)
    expected, got = what_is_left(single), what_is_left(batched)
    assert [e["field"] for e in expected["history"] if e["kind"] == "changed"].count("priority") > 0
    for part in expected:
        assert got[part] == expected[part], part
