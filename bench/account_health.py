"""Account health of one big organization: 100,000 tickets in the last year.

    python bench/account_health.py --db sqlite
    python bench/account_health.py --db postgres     # database cd_success_health_bench

Builds a fresh database (migrations and the reference data only), bulk-loads one
organization (set-based: bulk_create in batches) with tickets spread over the last 12
months (10 % open), one SLA clock per ticket with a breach event on 10 % of them, survey
answers on every third ticket, a promise on every tenth, 100,000 time entries on its
contract and an incident that touched it; then times, after a warm-up:
- a trivial query (one ticket by primary key), the ratio baseline;
- `health_of(organization)` (one SQL query);
- `GET /api/v1/organizations/{id}/health` (Django test client);
- the first page of the accounts list sorted by health (25 rows, 3 other organizations);
and prints p50/p95, the ratio to the baseline and the query plan. Target (issue #16):
under 300 ms.
"""

import argparse
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import usage_statement as shared  # noqa: E402
from timing import timed as p50_p95  # noqa: E402

shared.PG_NAME = "cd_success_health_bench"
ROOT = Path(__file__).resolve().parent.parent
RUNS = 30


def load(tickets: int, entries: int, seed: int = 16) -> int:
    from django.utils import timezone

    from charterdesk.accounts.models import User
    from charterdesk.customers.models import Contact, Organization
    from charterdesk.demo.reference import build_reference
    from charterdesk.plans.models import Contract, Plan

    rng = random.Random(seed)
    build_reference()
    now = timezone.now()
    org = Organization.objects.create(name="Bench Co")
    contract = Contract.objects.create(
        organization=org,
        plan=Plan.objects.get(name="Gold"),
        starts_on=(now - timedelta(days=365)).date(),
        hours_included=2000,
        hours_purchased=500,
    )
    Contact.objects.bulk_create(
        Contact(organization=org, email=f"person{i}@bench.example", name=f"Person {i}")
        for i in range(200)
    )
    contacts = list(Contact.objects.filter(organization=org).values_list("id", flat=True))
    agents = list(User.objects.filter(tier__isnull=False).values_list("id", "tier"))
    span = 365 * 86400
    created = sorted(now - timedelta(seconds=rng.randrange(span)) for _ in range(tickets))
    _tickets(contract, contacts, created, rng)
    ids = list(contract.tickets.order_by("id").values_list("id", "created_at", "coverage"))
    shared._time(contract, ids, agents, entries, rng)
    _clocks_and_breaches(ids, rng)
    _promises_and_answers(contract, ids, agents, rng)
    _incident(org, now)
    return int(org.pk)


def _tickets(contract, contacts, created, rng) -> None:  # type: ignore[no-untyped-def]
    from charterdesk.routing.models import Queue
    from charterdesk.tickets.models import Ticket

    queue = Queue.objects.order_by("position").first()
    kinds = ["downtime", "error", "error", "how_to", "how_to", "consulting"]

    def row(i: int) -> Ticket:
        at = created[i]
        solved = rng.random() < 0.9
        kind = rng.choice(kinds)
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
            coverage="metered" if kind == "how_to" else "included",
            coverage_reason="bench",
            attention_at=at,
            created_at=at,
            updated_at=at,
            solved_at=at + timedelta(hours=5) if solved else None,
        )

    shared.bulk(Ticket, row, len(created), "tickets")


def _clocks_and_breaches(ids, rng) -> None:  # type: ignore[no-untyped-def]
    from charterdesk.sla.models import SlaClock, SlaEvent

    def clock(i: int) -> SlaClock:
        ticket_id, at, _ = ids[i]
        return SlaClock(
            ticket_id=ticket_id,
            metric="first_reply",
            state="fulfilled",
            breached=i % 10 == 0,
            target_minutes=60,
            started_at=at,
            fulfilled_at=at + timedelta(minutes=30),
        )

    shared.bulk(SlaClock, clock, len(ids), "SLA clocks")
    clocks = list(
        SlaClock.objects.filter(breached=True).values_list("id", "ticket_id", "started_at")
    )

    def breach(i: int) -> SlaEvent:
        clock_id, ticket_id, at = clocks[i]
        return SlaEvent(clock_id=clock_id, ticket_id=ticket_id, kind="breached", at=at)

    shared.bulk(SlaEvent, breach, len(clocks), "breaches")


def _promises_and_answers(contract, ids, agents, rng) -> None:  # type: ignore[no-untyped-def]
    from charterdesk.commitments.models import Commitment
    from charterdesk.satisfaction.models import Survey
    from charterdesk.tickets.models import Ticket

    def promise(i: int) -> Commitment:
        ticket_id, at, _ = ids[i * 10]
        state = rng.choice(["kept", "kept", "kept", "broken", "cancelled", "open"])
        settled = None if state == "open" else at + timedelta(days=1)
        return Commitment(ticket_id=ticket_id, text="Call back", owner_id=agents[0][0],
                          due_at=at, state=state, settled_at=settled)  # fmt: skip

    shared.bulk(Commitment, promise, len(ids) // 10, "promises")
    requesters = dict(Ticket.objects.filter(contract=contract).values_list("id", "requester_id"))

    def answer(i: int) -> Survey:
        ticket_id, at, _ = ids[i * 3]
        return Survey(ticket_id=ticket_id, contact_id=requesters[ticket_id], contract=contract,
                      rating=rng.randint(1, 5), sent_at=at, answered_at=at + timedelta(hours=30),
                      open_until=at + timedelta(days=14))  # fmt: skip

    shared.bulk(Survey, answer, len(ids) // 3, "survey answers")


def _incident(org, now) -> None:  # type: ignore[no-untyped-def]
    from charterdesk.incidents.models import AudienceOrganization, Incident

    incident = Incident.objects.create(title="Bench outage", started_at=now - timedelta(days=3))
    AudienceOrganization.objects.create(incident=incident, organization=org)


def measure(org_id: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from charterdesk.accounts.models import ApiToken, User
    from charterdesk.customers.models import Organization
    from charterdesk.success.health import _health_sql, accounts_by_health, health_of
    from charterdesk.tickets.models import Ticket

    org = Organization.objects.get(pk=org_id)
    _, token = ApiToken.issue(User.objects.get(email="manager@charterdesk.example"))
    client = Client(headers={"Authorization": f"Bearer {token}"})
    url = f"/api/v1/organizations/{org_id}/health"
    assert client.get(url).status_code == 200
    some = Ticket.objects.filter(organization=org).values_list("id", flat=True)[0]
    calls = [
        ("trivial query (ticket by id)", lambda: Ticket.objects.filter(pk=some).first()),
        ("health_of (1 query)", lambda: health_of(org, timezone.now())),
        ("GET /api/v1/organizations/{id}/health", lambda: client.get(url)),
        ("accounts by health, first 25", lambda: accounts_by_health(timezone.now())[0:25]),
    ]
    results = [(name, *p50_p95(call, RUNS)) for name, call in calls]
    health = health_of(org, timezone.now())
    reasons = ", ".join(f"{r.code} {r.value} → {r.contribution}" for r in health.reasons)
    print(f"\nscore {health.score} ({health.band}): {reasons}")
    print(f"\n### {connection.vendor}\n")
    print("| what | p50 ms | p95 ms | p50 / trivial |\n|---|---|---|---|")
    base = results[0][1]
    for name, p50, p95 in results:
        print(f"| {name} | {p50:.1f} | {p95:.1f} | {p50 / base:.0f}× |")
    sql, params = _health_sql(Organization.objects.filter(pk=org_id), timezone.now(), "")
    print("\nPlan of the health query:\n" + shared.plan(sql, params))


def figures(org_id: int) -> None:
    """Each of the nine figures of the health query timed alone (best of 5), with its
    value: where the time of the one statement goes."""
    from django.db import connection
    from django.utils import timezone

    from charterdesk.customers.models import Organization
    from charterdesk.success.health import _raw_figures

    print(f"\n### {connection.vendor}: each figure alone\n")
    print("| figure | best of 5, ms | value |\n|---|---|---|")
    for name, expression in _raw_figures(timezone.now()).items():
        rows = Organization.objects.filter(pk=org_id).annotate(v=expression).values("v")
        sql, params = rows.query.sql_with_params()
        best, value = float("inf"), None
        for _ in range(5):
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                value = cursor.fetchone()[0]
            best = min(best, time.perf_counter() - started)
        print(f"| {name} | {best * 1000:.1f} | {value} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the database for --reuse")
    parser.add_argument("--reuse", action="store_true", help="measure the kept database again")
    parser.add_argument("--figures", action="store_true", help="also time each figure alone")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    with shared.database(args.db, args.keep, args.reuse):
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        settings.ALLOWED_HOSTS = ["*"]
        if args.reuse:
            from charterdesk.customers.models import Organization

            org_id = Organization.objects.get(name="Bench Co").pk
        else:
            call_command("migrate", verbosity=0)
            started = time.perf_counter()
            print(f"Loading {args.tickets:,} tickets …")
            org_id = load(args.tickets, args.entries)
            shared.settle()
            print(f"loaded in {time.perf_counter() - started:.0f} s")
        measure(org_id)
        if args.figures:
            figures(org_id)


if __name__ == "__main__":
    main()
