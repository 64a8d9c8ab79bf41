"""Automatic assignment: one decision with 500 agents and 100,000 open tickets.

    python bench/assignment.py --db sqlite
    python bench/assignment.py --db postgres      # database charterdesk_h2_bench
    python bench/assignment.py --db postgres --pg-name charterdesk_h8_bench

Seeds N open tickets (default 100,000), 500 agents with profiles (skills, languages,
capacity 40, a third each on a London, Tokyo and New York calendar open all week, so
every available agent is on shift: the largest pool; 1 in 25 away) in 10 teams of
50, and one team of all 500 (the worst case: a single team whose queue sees every agent).
Every agent holds 20 open tickets (10,000 assigned, priorities mixed; the rest wait in the
queue). Then times `routing.assignment.choose` (the decision and the claim of the agent,
each in its own transaction, as intake does) per strategy and team size, against a
baseline measured in the same run: reading one ticket by primary key. Loads are the
counts the database keeps (routing.load_counter): the run checks them against the sum
recomputed from the tickets, and times what the triggers add to a ticket write (assign,
reassign, close one ticket) against the same writes with the triggers dropped.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_NAME = "charterdesk_h2_bench"
AGENTS, PER_TEAM, LOAD, RUNS = 500, 50, 20, 300


def environment(db: str, pg_name: str = PG_NAME) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "charterdesk.settings"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.pop("DATABASE_URL", None)
    os.environ["CHARTERDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="charterdesk-assign-")
    if db == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{pg_name}"')
        os.environ["DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + f"/{pg_name}"


def people() -> tuple[list[object], list[object]]:
    """500 agents with profiles in 10 teams of 50, and one team of everyone."""
    from charterdesk.accounts.models import Role, User
    from charterdesk.routing.models import AgentProfile, Availability, Team
    from charterdesk.sla.models import Calendar

    zones = ("Europe/London", "Asia/Tokyo", "America/New_York")
    calendars = [
        Calendar.objects.create(
            name=f"Agents {zone}",
            timezone=zone,
            hours={d: [["00:00", "23:59"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat")}
            | {"sun": [["00:00", "23:59"]]},
        )
        for zone in zones
    ]
    users = User.objects.bulk_create(
        User(email=f"agent{i}@bench.example", name=f"Agent {i}", role=Role.AGENT, tier=1)
        for i in range(AGENTS)
    )
    skills = (["billing"], ["api"], ["billing", "api"], ["sso"], [])
    AgentProfile.objects.bulk_create(
        AgentProfile(
            user=u,
            skills=skills[i % len(skills)],
            languages=["en", "de"] if i % 4 == 0 else ["en"],
            calendar=calendars[i % 3],
            capacity=40,
            availability=Availability.AWAY if i % 25 == 0 else Availability.AVAILABLE,
        )
        for i, u in enumerate(users)
    )
    teams = [Team.objects.create(name=f"Team {t}") for t in range(AGENTS // PER_TEAM)]
    for t, team in enumerate(teams):
        team.members.add(*users[t * PER_TEAM : (t + 1) * PER_TEAM])
    everyone = Team.objects.create(name="Everyone")
    everyone.members.add(*users)
    return users, [teams[0], everyone]


def loads(users: list[object], tickets: int) -> None:
    """Every ticket open; LOAD of them assigned to each agent."""
    from django.db import connection, transaction

    from charterdesk.tickets.models import Ticket

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE tickets_ticket SET status = 'open', assignee_id = NULL")
    ids = list(Ticket.objects.order_by("pk").values_list("pk", flat=True)[: AGENTS * LOAD])
    with transaction.atomic():
        for i, user in enumerate(users):
            chunk = ids[i * LOAD : (i + 1) * LOAD]
            Ticket.objects.filter(pk__in=chunk).update(assignee=user)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    assert Ticket.objects.filter(in_queue=True).count() == tickets  # noqa: S101


def timed(step: Callable[[int], object], runs: int = RUNS) -> tuple[float, float, float]:
    """p50 and p95 of the step inside its transaction, and p50 of the commit after it
    (intake commits the claim together with the new ticket, so that cost is shared)."""
    from django.db import transaction

    for i in range(10):  # warm up: connection, calendars, statements
        with transaction.atomic():
            step(i)
    samples, commits = [], []
    for i in range(runs):
        with transaction.atomic():
            start = time.perf_counter()
            step(i)
            done = time.perf_counter()
        commits.append((time.perf_counter() - done) * 1000)
        samples.append((done - start) * 1000)
    samples.sort()
    return (
        statistics.median(samples),
        samples[int(len(samples) * 0.95) - 1],
        statistics.median(commits),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--pg-name", default=PG_NAME, help="database to drop and fill")
    args = parser.parse_args()
    environment(args.db, args.pg_name)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from charterdesk.demo.reference import build_reference
    from charterdesk.routing.assignment import choose
    from charterdesk.routing.models import Assignment, Queue
    from charterdesk.tickets.models import Ticket

    call_command("migrate", verbosity=0)
    build_reference()
    started = time.perf_counter()
    call_command("seed", tickets=args.tickets, verbosity=0)
    users, (team50, team500) = people()
    loads(users, args.tickets)
    print(f"set up in {time.perf_counter() - started:.0f} s")
    now = timezone.now()
    first = Ticket.objects.order_by("pk").values_list("pk", flat=True).first() or 0
    base50, base95, _ = timed(lambda i: Ticket.objects.filter(pk=first + i).first())
    print(f"\n## Assignment decision ({args.db}, {AGENTS} agents, {args.tickets:,} open tickets)")
    print(f"\nbaseline (one ticket by primary key): p50 {base50:.2f} ms, p95 {base95:.2f} ms\n")
    print(
        "| strategy | team size | p50 ms | p95 ms | p50 / baseline | commit p50 ms | queries "
        "| assigned |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for strategy in (Assignment.ROUND_ROBIN, Assignment.LEAST_LOADED, Assignment.SKILLS):
        for team, size in ((team50, PER_TEAM), (team500, AGENTS)):
            queue = Queue.objects.create(
                name=f"{strategy} {size}", team=team, assignment=strategy, skills=["api"]
            )
            queue = Queue.objects.select_related("team").get(pk=queue.pk)
            picked: list[object] = []
            p50, p95, commit = timed(
                lambda i, q=queue, out=picked: out.append(choose(q, now, language="de"))
            )
            with CaptureQueriesContext(connection) as ctx:
                choose(queue, now)
            ok = sum(1 for c in picked if c.assignee is not None)  # type: ignore[attr-defined]
            print(
                f"| {strategy} | {size} | {p50:.2f} | {p95:.2f} | {p50 / base50:.1f}× "
                f"| {commit:.2f} | {len(ctx.captured_queries)} | {ok}/{len(picked)} |"
            )
    print(f"\nPlan of the shortlist query (team of {AGENTS}):\n\n{explain(team500.pk)}")
    nobody(team500, now)
    write_cost(users)
    from charterdesk.routing import load_counter

    wrong = load_counter.check()
    print(f"\nKept loads against the recomputed sum: {len(wrong)} agents differ")


def nobody(team: object, now: object) -> None:
    """A decision nobody of the team of 500 can take (everyone at capacity): the empty
    shortlist, then the full path that says why. Rolled back."""
    from django.db import transaction

    from charterdesk.routing.assignment import choose
    from charterdesk.routing.models import AgentProfile, Assignment, Queue

    with transaction.atomic():
        AgentProfile.objects.update(capacity=LOAD // 2)  # loads are 10-80
        queue = Queue.objects.create(name="nobody", team=team, assignment=Assignment.LEAST_LOADED)
        queue = Queue.objects.select_related("team").get(pk=queue.pk)
        notes: list[str] = []
        p50, p95, _ = timed(lambda i: notes.append(choose(queue, now, language="de").note))  # type: ignore[arg-type]
        transaction.set_rollback(True)
    print(
        f"\nNobody can take it (team of {AGENTS}, all at capacity): p50 {p50:.2f} ms, "
        f"p95 {p95:.2f} ms; {notes[-1]!r}"
    )


def write_cost(users: list[object]) -> None:
    """p50 of one ticket write that moves a load (assign, reassign, close), with the load
    triggers and without them, alternating blocks so both see the same machine."""
    from charterdesk.routing import load_counter
    from charterdesk.tickets.models import Status, Ticket

    ids = list(
        Ticket.objects.filter(assignee__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    spare = iter(ids)
    agents = [u.pk for u in users]  # type: ignore[attr-defined]

    def write(i: int) -> None:
        pk = next(spare)
        Ticket.objects.filter(pk=pk).update(assignee_id=agents[i % len(agents)])
        Ticket.objects.filter(pk=pk).update(assignee_id=agents[(i + 7) % len(agents)])
        Ticket.objects.filter(pk=pk).update(status=Status.SOLVED)

    results: dict[bool, list[float]] = {True: [], False: []}
    for block in range(6):
        triggers = block % 2 == 0
        if not triggers:
            load_counter.uninstall()
        results[triggers].append(timed(write, runs=100)[0])
        if not triggers:
            load_counter.install()
    with_, without = statistics.median(results[True]), statistics.median(results[False])
    print(
        f"\nOne ticket assigned, reassigned and solved (3 UPDATEs, p50): {with_:.2f} ms with the "
        f"load triggers, {without:.2f} ms without ({with_ - without:+.2f} ms)"
    )


def explain(team_id: int) -> str:
    """The plan of the shortlist query (least loaded, language "de") for a team: what the
    database runs on every decision."""
    from django.db import connection
    from django.utils import timezone

    from charterdesk.accounts.models import STAFF_ROLES
    from charterdesk.routing import shortlist
    from charterdesk.routing.models import Assignment, Availability

    calendars = shortlist.open_calendars(team_id, timezone.now())
    sql = shortlist._sql(connection.vendor, Assignment.LEAST_LOADED, len(calendars), 0, True)
    params = ['%"de"%', team_id, Availability.AVAILABLE.value, *STAFF_ROLES, *calendars]
    how = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    with connection.cursor() as cursor:
        cursor.execute(how + sql, params)
        lines = [" ".join(str(v) for v in row) for row in cursor.fetchall()]
    return "\n".join("    " + line for line in lines)


if __name__ == "__main__":
    main()
