"""Synthetic volume for benchmarks: organizations, contacts, contracts and tickets with
conversations and history, in realistic proportions, written in large batches."""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from charterdesk.calendars import BusinessCalendar
from charterdesk.core.vocabulary import Decision, Priority, RequestType
from charterdesk.customers.models import Contact, Organization
from charterdesk.plans.models import Contract, Plan, Schedule
from charterdesk.routing.services import queue_for_request
from charterdesk.sla.deadlines import HOUSE_TARGETS
from charterdesk.tickets.models import OPEN_STATUSES, Status

BATCH = 10_000
TYPES = (
    [RequestType.DOWNTIME, RequestType.ERROR, RequestType.HOW_TO, RequestType.CONSULTING],
    [5, 40, 45, 10],
)
PRIORITIES = ([Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.LOW], [3, 17, 60, 20])
OPEN_MIX = ([Status.NEW, Status.OPEN, Status.PENDING, Status.ON_HOLD], [30, 40, 22, 8])
WORDS = [
    "export",
    "invoice",
    "login",
    "webhook",
    "dashboard",
    "report",
    "api",
    "token",
    "checkout",
    "sync",
    "import",
    "permissions",
    "billing",
    "search",
    "upload",
    "email",
    "notification",
    "timeout",
    "certificate",
]


@dataclass
class Terms:
    """What a plan promises, flattened for fast lookups while seeding."""

    decision: dict[tuple[int, str], str]
    minutes: dict[tuple[int, str, str], int]
    resolution: dict[tuple[int, str, str], int]
    calendar: dict[tuple[int, str], BusinessCalendar]


def seed(tickets: int, orgs: int, progress: Callable[[int], None], rng: random.Random) -> int:
    orgs_made = _organizations(orgs, rng)
    customers = list(
        Contact.objects.filter(organization__in=orgs_made).values_list("pk", "organization_id")
    )
    contracts = dict(
        Contract.objects.filter(organization__in=orgs_made).values_list("organization_id", "pk")
    )
    plan_of = dict(Contract.objects.filter(organization__in=orgs_made).values_list("pk", "plan_id"))
    queues = _queues()
    terms = _terms()
    next_id = _next_id("tickets_ticket")
    _tune_for_bulk_load()
    written = 0
    while written < tickets:
        size = min(BATCH, tickets - written)
        rows = _ticket_rows(
            next_id + written, size, customers, contracts, plan_of, queues, terms, rng
        )
        with transaction.atomic():
            _insert(rows)
        written += size
        progress(size)
    _reset_sequences()
    return written


def _organizations(count: int, rng: random.Random) -> list[Organization]:
    plans = list(Plan.objects.all())
    if not plans:
        raise ValueError("no plans yet: run 'charterdesk demo' first")
    start = Organization.objects.count()
    orgs = Organization.objects.bulk_create(
        Organization(name=f"Seeded {start + i:06d}") for i in range(count)
    )
    today = timezone.localdate()
    Contract.objects.bulk_create(
        Contract(
            organization=org,
            plan=rng.choice(plans),
            starts_on=today.replace(month=1, day=1),
            hours_included=20,
        )
        for org in orgs
    )
    Contact.objects.bulk_create(
        Contact(organization=org, email=f"user{c}@seed{start + i}.example", name=f"User {c}")
        for i, org in enumerate(orgs)
        for c in range(rng.randint(2, 8))
    )
    return orgs


def _queues() -> dict[str, int]:
    return {kind: queue_for_request(kind).pk for kind in RequestType.values}


def _terms() -> Terms:
    terms = Terms({}, {}, {}, {})
    for plan in Plan.objects.select_related("calendar").prefetch_related("coverages", "targets"):
        for row in plan.coverages.all():
            terms.decision[plan.pk, row.request_type] = row.decision
            terms.calendar[plan.pk, row.request_type] = (
                BusinessCalendar.always_open()
                if row.schedule == Schedule.ALWAYS
                else plan.calendar.business_calendar
            )
        for target in plan.targets.filter(metric__in=["first_reply", "resolution"]):
            key = (plan.pk, target.request_type, target.priority)
            if target.metric == "first_reply":
                terms.minutes[key] = target.minutes
            else:
                terms.resolution[key] = target.minutes
    return terms


def _tune_for_bulk_load() -> None:
    """SQLite: a large page cache keeps the growing indexes in memory while loading."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -1048576")  # 1 GiB, this connection only


def _next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608
        return int(cursor.fetchone()[0])


@dataclass
class Rows:
    tickets: list[tuple[object, ...]]
    messages: list[tuple[object, ...]]
    events: list[tuple[object, ...]]
    clocks: list[tuple[object, ...]]


def _ticket_rows(
    first_id: int,
    size: int,
    customers: list[tuple[int, int]],
    contracts: dict[int, int],
    plan_of: dict[int, int],
    queues: dict[str, int],
    terms: Terms,
    rng: random.Random,
) -> Rows:
    now = timezone.now()
    rows = Rows([], [], [], [])
    kinds = rng.choices(*TYPES, k=size)
    priorities = rng.choices(*PRIORITIES, k=size)
    for offset in range(size):
        pk = first_id + offset
        contact, org = rng.choice(customers)
        kind, priority = kinds[offset], priorities[offset]
        created = now - timedelta(
            days=min(rng.expovariate(1 / 120), 720), seconds=rng.randint(0, 86_399)
        )
        contract = contracts[org]
        plan = plan_of[contract]
        decision = terms.decision.get((plan, kind), Decision.NOT_COVERED)
        minutes = terms.minutes.get((plan, kind, priority))
        due = (
            terms.calendar[plan, kind].add(created, timedelta(minutes=minutes))
            if minutes is not None
            else None
        )
        status, replied, solved = _lifecycle(created, now, rng)
        since = replied or created
        attention = due if due and not replied else since + HOUSE_TARGETS[Priority(priority)]
        if status in OPEN_STATUSES and minutes is not None:
            first = None if replied else minutes
            resolution = terms.resolution.get((plan, kind, priority))
            calendar = terms.calendar[plan, kind]
            nearest = _clocks(rows, pk, status, calendar, created, now, first, resolution)
            attention = nearest or attention
        rows.tickets.append(
            (
                pk,
                org,
                contact,
                f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} issue",
                kind,
                "customer",
                priority,
                status,
                "portal",
                queues[kind],
                contract,
                decision,
                f"Seeded: {decision}",
                "",
                due,
                attention,
                created,
                solved or replied or created,
                replied,
                solved,
                "",
                "",
            )
        )
        _conversation(rows, pk, contact, created, replied, now, rng)
    return rows


def _clocks(
    rows: "Rows",
    ticket: int,
    status: str,
    calendar: BusinessCalendar,
    created: datetime,
    now: datetime,
    first: int | None,
    resolution: int | None,
) -> datetime | None:
    """Running clocks of an open seeded ticket, as if the sweep had run; the nearest due."""
    due_times = []
    for metric, minutes in (("first_reply", first), ("resolution", resolution)):
        if minutes is None:
            continue
        if status in (Status.PENDING, Status.ON_HOLD) and metric == "resolution":
            rows.clocks.append(
                (
                    ticket,
                    metric,
                    "paused",
                    False,
                    False,
                    minutes,
                    created,
                    None,
                    0,
                    None,
                    None,
                    None,
                    False,
                )
            )
            continue
        due = calendar.add(created, timedelta(minutes=minutes))
        warn = calendar.add(created, timedelta(minutes=max(0, minutes - 30)))
        rows.clocks.append(
            (
                ticket,
                metric,
                "active",
                due <= now,
                warn <= now,
                minutes,
                created,
                created,
                0,
                due,
                warn,
                None,
                False,
            )
        )
        due_times.append(due)
    return min(due_times, default=None)


def _lifecycle(
    created: datetime, now: datetime, rng: random.Random
) -> tuple[str, datetime | None, datetime | None]:
    age_days = (now - created).total_seconds() / 86_400
    replied = created + timedelta(minutes=rng.randint(5, 600)) if rng.random() < 0.9 else None
    if replied and replied > now:
        replied = None
    if age_days > 14 or (age_days > 2 and rng.random() < 0.6):
        solved = (replied or created) + timedelta(hours=rng.randint(1, 72))
        return (Status.CLOSED if age_days > 10 else Status.SOLVED), replied or created, solved
    status = rng.choices(*OPEN_MIX)[0]
    if status != Status.NEW and replied is None:
        replied = min(now, created + timedelta(minutes=30))
    return status, (None if status == Status.NEW else replied), None


def _conversation(
    rows: Rows,
    ticket: int,
    contact: int,
    created: datetime,
    replied: datetime | None,
    now: datetime,
    rng: random.Random,
) -> None:
    rows.messages.append(
        (ticket, None, contact, False, "public", "portal", "Seeded request text.", created)
    )
    rows.events.append((ticket, None, "created", "", "", "", "via Portal", False, created))
    if replied is None:
        return
    when = replied
    for turn in range(min(int(rng.expovariate(0.6)) + 1, 8)):
        staff = turn % 2 == 0
        internal = staff and rng.random() < 0.1
        rows.messages.append(
            (
                ticket,
                None,
                None if staff else contact,
                staff,
                "internal" if internal else "public",
                "portal",
                "Seeded reply text.",
                min(when, now),
            )
        )
        when += timedelta(minutes=rng.randint(10, 1440))


TICKET_COLUMNS = (
    "id, organization_id, requester_id, subject, request_type, type_source, priority, status, "
    "channel, queue_id, contract_id, coverage, coverage_reason, coverage_alternative, "
    "first_reply_due_at, attention_at, created_at, updated_at, first_replied_at, solved_at, "
    "product, language"
)
MESSAGE_COLUMNS = (
    "ticket_id, author_id, author_contact_id, from_staff, visibility, channel, body, created_at"
)
CLOCK_COLUMNS = (
    "ticket_id, metric, state, breached, warned, target_minutes, started_at, running_since, "
    "used_before, due_at, warn_at, fulfilled_at, overridden"
)
EVENT_COLUMNS = "ticket_id, actor_id, kind, field, old_value, new_value, note, internal, created_at"


# Positions of datetime columns: SQLite gets them as Django stores them (naive UTC text).
DATETIME_POSITIONS = {
    "tickets_ticket": (14, 15, 16, 17, 18, 19),
    "tickets_message": (7,),
    "tickets_ticketevent": (8,),
    "sla_slaclock": (6, 7, 9, 10, 11),
}


def _insert(rows: Rows) -> None:
    with connection.cursor() as cursor:
        for table, columns, values in (
            ("tickets_ticket", TICKET_COLUMNS, rows.tickets),
            ("tickets_message", MESSAGE_COLUMNS, rows.messages),
            ("tickets_ticketevent", EVENT_COLUMNS, rows.events),
            ("sla_slaclock", CLOCK_COLUMNS, rows.clocks),
        ):
            marks = ", ".join(["%s"] * (columns.count(",") + 1))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                _adapted(values, DATETIME_POSITIONS[table]),
            )


def _adapted(values: list[tuple[object, ...]], positions: tuple[int, ...]) -> list[Any]:
    if connection.vendor != "sqlite":
        return values
    adapted = []
    for row in values:
        cells = list(row)
        for i in positions:
            when = cells[i]
            if when is not None:  # every seeded time is UTC, as Django stores it
                cells[i] = when.replace(tzinfo=None).isoformat(" ")  # type: ignore[attr-defined]
        adapted.append(cells)
    return adapted


def _reset_sequences() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('tickets_ticket', 'id'), "
                "(SELECT MAX(id) FROM tickets_ticket))"
            )
