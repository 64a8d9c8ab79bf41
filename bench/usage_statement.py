"""Usage statement of one big organization: 100,000 tickets and 1,000,000 time entries.

    python bench/usage_statement.py --db sqlite
    python bench/usage_statement.py --db postgres      # database charterdesk_h5_bench

Builds a fresh database (migrations and the reference data only), bulk-loads one
organization's two years of history spread over 24 months (tickets, time entries of which
~30% draw on the bank, two SLA clocks per ticket, promises, survey answers), then times
in-process, after a warm-up:
- a trivial query (one ticket by primary key), the ratio baseline;
- `usage_statement(contract, month)` for a month in the middle and the latest month;
- the API call `GET /api/v1/contracts/{id}/usage?month=...` (Django test client);
and prints p50/p95, the time of each of the statement's queries and their plans. With
`--indexes`, it then adds the indexes recommended to other apps (see docs/statements.md)
and measures again. On PostgreSQL each bulk load is followed by VACUUM ANALYZE.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from timing import timed as p50_p95

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_NAME = "charterdesk_h5_bench"
RUNS = 30
BATCH = 10_000
MONTHS = 24
FIRST_DAY = datetime(2025, 1, 1, tzinfo=UTC)
# Tickets by (contract, created_at) is now a migration of the tickets app; this partial
# index is still only an option (a second index on the largest table costs every insert).
RECOMMENDED_INDEXES = (
    "CREATE INDEX time_bank_by_contract ON hours_timeentry (contract_id, worked_at, minutes)"
    " WHERE draws_on_bank",
)


@contextmanager
def database(db: str, keep: bool, reuse: bool) -> Iterator[None]:
    """A fresh database (dropped afterwards unless `keep`), or the kept one (`reuse`)."""
    kept = Path(tempfile.gettempdir()) / "charterdesk-h5-bench"
    data_dir = kept if keep or reuse else Path(tempfile.mkdtemp(prefix="charterdesk-h5-bench-"))
    if keep and not reuse:
        shutil.rmtree(kept, ignore_errors=True)
        kept.mkdir(parents=True)
    os.environ.update(
        CHARTERDESK_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="charterdesk.settings",
        LOG_LEVEL="WARNING",
    )
    os.environ.pop("DATABASE_URL", None)
    if db == "postgres":
        os.environ["DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + f"/{PG_NAME}"
        if not reuse:
            _pg(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)', f'CREATE DATABASE "{PG_NAME}"')
    try:
        yield
    finally:
        if not (keep or reuse):
            shutil.rmtree(data_dir, ignore_errors=True)
            if db == "postgres":
                from django.db import connections

                connections.close_all()
                _pg(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')


def _pg(*statements: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        for sql in statements:
            conn.execute(sql)  # type: ignore[arg-type]


def progress(label: str, done: int, total: int, started: float) -> None:
    rate = done / max(time.perf_counter() - started, 1e-9)
    print(f"\r  {label}: {done:,}/{total:,} ({rate:,.0f}/s)", end="", flush=True)
    if done >= total:
        print(flush=True)


def bulk(model: type, rows: Callable[[int], object], total: int, label: str) -> None:
    started = time.perf_counter()
    for offset in range(0, total, BATCH):
        objs = [rows(i) for i in range(offset, min(offset + BATCH, total))]
        model.objects.bulk_create(objs, batch_size=2_000)  # type: ignore[attr-defined]
        progress(label, offset + len(objs), total, started)


def load(tickets: int, entries: int, seed: int = 5) -> int:
    """One organization on Gold with a 24-month contract; returns the contract id."""
    from charterdesk.accounts.models import User
    from charterdesk.customers.models import Contact, Organization
    from charterdesk.demo.reference import build_reference
    from charterdesk.plans.models import Contract, Plan

    rng = random.Random(seed)
    build_reference()
    org = Organization.objects.create(name="Bench Co", domains=["bench.example"])
    plan = Plan.objects.get(name="Gold")
    contract = Contract.objects.create(
        organization=org,
        plan=plan,
        starts_on=FIRST_DAY.date(),
        ends_on=date(2026, 12, 31),
        hours_included=2000,
        hours_purchased=500,
    )
    Contact.objects.bulk_create(
        Contact(organization=org, email=f"person{i}@bench.example", name=f"Person {i}")
        for i in range(500)
    )
    contacts = list(Contact.objects.filter(organization=org).values_list("id", flat=True))
    agents = list(User.objects.filter(tier__isnull=False).values_list("id", "tier"))
    span = MONTHS * 30 * 86400
    created = sorted(FIRST_DAY + timedelta(seconds=rng.randrange(span)) for _ in range(tickets))
    _tickets(contract, contacts, created, rng)
    ids = list(contract.tickets.order_by("id").values_list("id", "created_at", "coverage"))
    _time(contract, ids, agents, entries, rng)
    _clocks_promises_answers(contract, ids, agents, rng)
    return contract.pk


def _tickets(contract, contacts, created, rng) -> None:  # type: ignore[no-untyped-def]
    from charterdesk.routing.models import Queue
    from charterdesk.tickets.models import Ticket

    queue = Queue.objects.order_by("position").first()
    kinds = ["downtime", "error", "error", "how_to", "how_to", "consulting"]
    coverage = {"downtime": "included", "error": "included", "how_to": "metered"}

    def row(i: int) -> Ticket:
        kind = rng.choice(kinds)
        at = created[i]
        solved = rng.random() < 0.9
        return Ticket(
            organization_id=contract.organization_id,
            contract=contract,
            requester_id=rng.choice(contacts),
            subject=f"Bench ticket {i}",
            request_type=kind,
            type_source="customer",
            priority=rng.choice(["urgent", "high", "normal", "normal", "low"]),
            status="solved" if solved else "open",
            queue=queue,
            coverage=coverage.get(kind, "billable"),
            coverage_reason="bench",
            attention_at=at,
            created_at=at,
            updated_at=at,
            solved_at=at + timedelta(hours=5) if solved else None,
        )

    bulk(Ticket, row, len(created), "tickets")


def _time(contract, ids, agents, total, rng) -> None:  # type: ignore[no-untyped-def]
    from charterdesk.hours.models import TimeEntry

    activities = ["investigation", "reply", "reply", "call", "consulting", "training"]

    def row(i: int) -> TimeEntry:
        ticket_id, created_at, coverage = ids[i % len(ids)]
        agent, tier = rng.choice(agents)
        return TimeEntry(
            ticket_id=ticket_id,
            agent_id=agent,
            contract=contract,
            minutes=rng.randint(5, 90),
            activity=rng.choice(activities),
            billable=rng.random() < 0.8,
            draws_on_bank=coverage == "metered",
            tier=tier,
            worked_at=created_at + timedelta(minutes=rng.randint(10, 4000)),
        )

    bulk(TimeEntry, row, total, "time entries")


def _clocks_promises_answers(contract, ids, agents, rng) -> None:  # type: ignore[no-untyped-def]
    from charterdesk.commitments.models import Commitment
    from charterdesk.satisfaction.models import Survey
    from charterdesk.sla.models import SlaClock
    from charterdesk.tickets.models import Ticket

    def clock(i: int) -> SlaClock:
        ticket_id, at, _ = ids[i // 2]
        breached = rng.random() < 0.1
        return SlaClock(
            ticket_id=ticket_id,
            metric="first_reply" if i % 2 == 0 else "resolution",
            state="fulfilled",
            breached=breached,
            target_minutes=60,
            started_at=at,
            fulfilled_at=at + timedelta(minutes=30),
        )

    bulk(SlaClock, clock, 2 * len(ids), "SLA clocks")
    owner = agents[0][0]
    every = 10

    def promise(i: int) -> Commitment:
        ticket_id, at, _ = ids[i * every]
        state = rng.choice(["kept", "kept", "kept", "broken", "cancelled", "open"])
        return Commitment(
            ticket_id=ticket_id, text="Call back", owner_id=owner, due_at=at, state=state
        )

    bulk(Commitment, promise, len(ids) // every, "promises")
    requesters = dict(Ticket.objects.filter(contract=contract).values_list("id", "requester_id"))
    answered = 3

    def answer(i: int) -> Survey:
        ticket_id, at, _ = ids[i * answered]
        return Survey(
            ticket_id=ticket_id,
            contact_id=requesters[ticket_id],
            contract=contract,
            rating=rng.randint(1, 5),
            sent_at=at,
            answered_at=at + timedelta(hours=30),
            open_until=at + timedelta(days=14),
        )

    bulk(Survey, answer, len(ids) // answered, "survey answers")


def settle() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    return p50_p95(fn, RUNS)


def per_query(fn: Callable[[], object]) -> list[tuple[float, str, object]]:
    """Milliseconds of each query of one run, with its SQL and parameters."""
    from django.db import connection

    spent: list[tuple[float, str, object]] = []

    def wrapper(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent.append(((time.perf_counter() - start) * 1000, sql, params))

    with connection.execute_wrapper(wrapper):
        fn()
    return spent


def run_through(sql: str, params: object) -> float:
    """Median ms of one query, executed and read to its last row (SQLite steps the query
    while rows are read, so timing `execute` alone misses most of it)."""
    from django.db import connection

    samples = []
    with connection.cursor() as cursor:
        for _ in range(5):
            start = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def plan(sql: str, params: object) -> str:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return "\n".join("      " + str(row[-1]) for row in cursor.fetchall())


def measure(contract_id: int, label: str) -> list[tuple[str, float, float]]:
    from django.test import Client

    from charterdesk.accounts.models import ApiToken, User
    from charterdesk.statements.calendar_months import Month
    from charterdesk.statements.usage import usage_statement
    from charterdesk.tickets.models import Ticket

    _, token = ApiToken.issue(User.objects.get(email="manager@charterdesk.example"))
    client = Client(headers={"Authorization": f"Bearer {token}"})
    some_ticket = Ticket.objects.filter(contract_id=contract_id).values_list("id", flat=True)[0]
    url = f"/api/v1/contracts/{contract_id}/usage"
    results = [
        (
            "trivial query (ticket by id)",
            *timed(lambda: Ticket.objects.filter(pk=some_ticket).first()),
        )
    ]
    for month in (Month(2025, 12), Month(2026, 12)):
        results.append(
            (f"statement {month}", *timed(lambda m=month: usage_statement(contract_id, m)))
        )
        response = client.get(url, {"month": str(month)})
        assert response.status_code == 200, response.content
        results.append((f"API {month}", *timed(lambda m=month: client.get(url, {"month": str(m)}))))
    print(f"\n### {label}\n\n| what | p50 ms | p95 ms | p50 / trivial |\n|---|---|---|---|")
    base = results[0][1]
    for name, p50, p95 in results:
        print(f"| {name} | {p50:.1f} | {p95:.1f} | {p50 / base:.0f}× |")
    print("\nQueries of one statement (2026-12): median ms of 5 runs to the last row, plans:")
    for _, sql, params in per_query(lambda: usage_statement(contract_id, Month(2026, 12))):
        print(f"  {run_through(sql, params):7.1f}  {' '.join(sql.split())[:100]}")
        if "GROUP BY" in sql or "SUM(" in sql or "COUNT(" in sql:
            print(plan(sql, params))
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--indexes", action="store_true", help="measure again with them")
    parser.add_argument("--keep", action="store_true", help="keep the database for --reuse")
    parser.add_argument("--reuse", action="store_true", help="measure the kept database again")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    with database(args.db, args.keep, args.reuse):
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        settings.ALLOWED_HOSTS = ["*"]
        if args.reuse:
            from charterdesk.plans.models import Contract

            contract_id = Contract.objects.get(organization__name="Bench Co").pk
        else:
            call_command("migrate", verbosity=0)
            started = time.perf_counter()
            print(f"Loading {args.tickets:,} tickets and {args.entries:,} time entries …")
            contract_id = load(args.tickets, args.entries)
            settle()
            print(f"loaded in {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            for sql in RECOMMENDED_INDEXES:  # a kept database may have them from a past run
                cursor.execute(f"DROP INDEX IF EXISTS {sql.split()[2]}")
        measure(contract_id, f"{connection.vendor}, existing indexes")
        if args.indexes:
            with connection.cursor() as cursor:
                for sql in RECOMMENDED_INDEXES:
                    cursor.execute(sql)
            settle()
            measure(contract_id, f"{connection.vendor}, with the recommended indexes")


if __name__ == "__main__":
    main()
