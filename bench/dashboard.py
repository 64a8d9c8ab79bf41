"""The dashboard's panels at growing volume (10k, 100k, 1M tickets).

    python bench/dashboard.py --db sqlite --sizes 10000,100000,1000000
    python bench/dashboard.py --db postgres --sizes 10000,100000,1000000

Seeds with set-based SQL (INSERT ... SELECT over a recursive CTE on SQLite, over
generate_series on PostgreSQL; no ORM rows): a desk that receives `--per-day` tickets a
day (300 by default) and grows its history backwards, so 1M tickets are ~9 years of it.
Most tickets are solved or closed after 1 h to 3 days; what is younger than its
resolution time is open, and one ticket in 500 stays on hold for good (the stale tail
of a real backlog). Open tickets get a running resolution clock due within +-12 h; a few
solved tickets of today get an answered survey.

At each size every panel's fragment (and the whole page) is fetched through the test
client as a manager: p50/p95 in ms and the number of queries, then the ratio of the
largest size to the smallest. The trends are measured twice in the same run: first with
an empty daily rollup (every day counted from the tickets, the way before the rollup),
then after the rollup's sweep (closed days read from workspace_dailytrend).
Query plans of the ticket aggregates are printed at the end.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import prepared  # noqa: E402
from timing import timed  # noqa: E402

RUNS = 40
CHUNK = 100_000
PANELS = ("backlog", "breaching", "shift", "incidents", "satisfaction", "age", "trends")
OPEN_MIX = "CASE h % 4 WHEN 0 THEN 'new' WHEN 1 THEN 'pending' ELSE 'open' END"


def pick(column: str, values: list[int]) -> str:
    """SQL choosing one of `values` by the row's hash."""
    whens = " ".join(f"WHEN {i} THEN {v}" for i, v in enumerate(values[:-1]))
    return f"CASE {column} % {len(values)} {whens} ELSE {values[-1]} END"


def seed_sql(vendor: str, first: int, last: int, now: int, per_day: int, refs: dict) -> str:  # type: ignore[type-arg]
    """One INSERT ... SELECT for tickets number first..last (1 is the newest)."""
    if vendor == "sqlite":
        numbers = (
            f"WITH RECURSIVE n(g) AS (SELECT {first} UNION ALL SELECT g + 1 FROM n "
            f"WHERE g < {last}), "
        )
        stamp = "datetime({}, 'unixepoch')"
    else:
        numbers = f"WITH n(g) AS (SELECT generate_series({first}::bigint, {last}::bigint)), "
        stamp = "to_timestamp({})"
    contact = pick("h", [c for c, _ in refs["contacts"]])
    organization = pick("h", [o for _, o in refs["contacts"]])
    assignee = pick("(h / 7)", refs["agents"])
    base = (
        "b AS (SELECT g, h, a, r, q, "
        f"{now} - a AS created, "
        f"CASE WHEN g % 500 = 0 THEN 'on_hold' WHEN a < r THEN {OPEN_MIX} "
        "WHEN h % 10 < 3 THEN 'solved' ELSE 'closed' END AS status FROM "
        f"(SELECT g, h, (g * 86400) / {per_day} + h % 60 AS a, 3600 + (h * 7) % 255600 AS r, "
        "(h * 13) % 7200 + 120 AS q FROM "
        "(SELECT g, (g * 2654435761) % 1000003 AS h FROM n) AS hashed) AS aged)"
    )
    return (
        numbers
        + base
        + " INSERT INTO tickets_ticket (organization_id, requester_id, subject, request_type,"
        " type_source, priority, status, channel, product, language, queue_id, assignee_id,"
        " coverage, coverage_reason, coverage_alternative, attention_at, created_at,"
        " updated_at, first_replied_at, solved_at, is_problem) SELECT "
        f"{organization}, {contact}, 'Bench ticket ' || g, "
        "CASE h % 5 WHEN 0 THEN 'how_to' WHEN 1 THEN 'downtime' ELSE 'error' END, 'customer', "
        "CASE h % 10 WHEN 0 THEN 'urgent' WHEN 1 THEN 'high' WHEN 2 THEN 'low' ELSE 'normal' END, "
        f"status, 'portal', '', '', {pick('(h / 3)', refs['queues'])}, "
        f"CASE WHEN status IN ('new', 'open') AND h % 4 = 0 THEN NULL ELSE {assignee} END, "
        "'included', '', '', "
        f"{stamp.format('created + 14400')}, {stamp.format('created')}, "
        f"{stamp.format('created')}, "
        f"CASE WHEN a > q THEN {stamp.format('created + q')} END, "
        f"CASE WHEN status IN ('solved', 'closed') THEN {stamp.format('created + r')} END, "
        "FALSE FROM b"
    )


def clocks_sql(vendor: str, after_id: int, now: int) -> str:
    """A running resolution clock on each new open ticket, due within +-12 hours."""
    stamp = "datetime({}, 'unixepoch')" if vendor == "sqlite" else "to_timestamp({})"
    due = f"{now} - 43200 + (id * 7919) % 86400"
    return (
        "INSERT INTO sla_slaclock (ticket_id, metric, state, breached, warned, target_minutes,"
        " started_at, running_since, used_before, due_at, warn_at, overridden) SELECT id,"
        f" 'resolution', 'active', FALSE, FALSE, 480, created_at, created_at, 0,"
        f" {stamp.format(due)}, {stamp.format(due + ' - 3600')}, FALSE"
        f" FROM tickets_ticket WHERE in_queue AND id > {after_id}"
    )


def surveys_sql(vendor: str, after_id: int, now: int) -> str:
    """An answered survey on the first 200 new tickets solved in the last day."""
    stamp = "datetime({}, 'unixepoch')" if vendor == "sqlite" else "to_timestamp({})"
    return (
        "INSERT INTO satisfaction_survey (ticket_id, contact_id, queue_id, sent_at, mailed,"
        " rating, comment, answered_at, open_until) SELECT id, requester_id, queue_id,"
        f" solved_at, TRUE, 1 + id % 5, '', {stamp.format(str(now - 600))},"
        f" {stamp.format(str(now + 86400 * 7))} FROM tickets_ticket"
        f" WHERE solved_at IS NOT NULL AND id > {after_id}"
        f" AND solved_at > {stamp.format(str(now - 86400))} ORDER BY id LIMIT 200"
    )


def seed(first: int, last: int, per_day: int) -> float:
    from django.db import connection, transaction
    from django.utils import timezone

    from charterdesk.accounts.models import User
    from charterdesk.customers.models import Contact
    from charterdesk.routing.models import Queue
    from charterdesk.tickets.models import Ticket

    refs = {
        "contacts": list(Contact.objects.values_list("id", "organization_id")[:20]),
        "agents": list(User.objects.filter(role="agent").values_list("id", flat=True)),
        "queues": list(Queue.objects.values_list("id", flat=True)),
    }
    now = int(timezone.now().timestamp())
    started = time.perf_counter()
    for start in range(first, last + 1, CHUNK):
        end = min(start + CHUNK - 1, last)
        after = Ticket.objects.order_by("-id").values_list("id", flat=True).first() or 0
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(seed_sql(connection.vendor, start, end, now, per_day, refs))
            cursor.execute(clocks_sql(connection.vendor, after, now))
            cursor.execute(surveys_sql(connection.vendor, after, now))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    return time.perf_counter() - started


def measure(client, url: str) -> tuple[float, float, int, float]:  # type: ignore[no-untyped-def]
    from django.db import connection

    def fetch() -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    queries: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        fetch()
    cpu = time.process_time()
    p50, p95 = timed(fetch, RUNS)
    cpu_ms = (time.process_time() - cpu) * 1000 / (RUNS + 1)  # timed() warms up once
    return p50, p95, len(queries) - 3, cpu_ms  # less the session, the user, its contact


def forget_rollup() -> None:
    from charterdesk.workspace.models import DailyTrend, TrendDay, TrendMark

    for model in (DailyTrend, TrendDay, TrendMark):
        model.objects.all().delete()


def roll_up() -> tuple[float, float]:
    """The rollup sweep over the last 90 days, as the scheduler runs it: wall and CPU s."""
    from charterdesk.workspace.tasks import roll_up_trends

    started, cpu = time.perf_counter(), time.process_time()
    roll_up_trends.call()
    return time.perf_counter() - started, time.process_time() - cpu


def plans() -> str:
    from django.db import connection
    from django.utils import timezone

    from charterdesk.workspace.dashboard.sql import local_day
    from charterdesk.workspace.dashboard.trends import window

    zone, _, start = window(30, timezone.now())
    day, params = local_day("created_at", zone, start, timezone.now(), connection)
    since = connection.ops.adapt_datetimefield_value(start)
    statements = {
        "backlog": "SELECT queue_id, COUNT(*), COUNT(*) FILTER (WHERE assignee_id IS NULL) "
        'FROM tickets_ticket WHERE "in_queue" GROUP BY 1',
        "created per day": f"SELECT {day}, COUNT(*) FROM tickets_ticket "
        "WHERE created_at >= %s GROUP BY 1",
        "solved per day": "SELECT COUNT(*) FROM tickets_ticket WHERE solved_at >= %s",
        "breaching": "SELECT COUNT(*) FROM sla_slaclock WHERE \"state\" = 'active' AND NOT "
        '"breached" AND due_at >= %s',
    }
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    lines = []
    with connection.cursor() as cursor:
        for label, sql in statements.items():
            args = [*params, since] if "created" in label else [since] if "%s" in sql else []
            cursor.execute(prefix + sql, args)
            rows = " / ".join(" ".join(str(c) for c in row) for row in cursor.fetchall())
            lines.append(f"- {label}: `{rows}`")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--per-day", type=int, default=300)
    parser.add_argument("--days", type=int, default=30, choices=[7, 30, 90])
    args = parser.parse_args()
    with prepared(args.db) as env:
        os.environ.update(env)
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client

        from charterdesk.accounts.models import User
        from charterdesk.tickets.models import Ticket

        settings.ALLOWED_HOSTS = ["*"]
        call_command("collectstatic", interactive=False, verbosity=0)  # pages link to them
        client = Client()
        client.force_login(User.objects.get(email="manager@charterdesk.example"))
        urls = {name: f"/desk/dashboard/panels/{name}?days={args.days}" for name in PANELS}
        urls["whole page"] = f"/desk/dashboard/?days={args.days}"
        results: list[tuple[int, float, dict[str, tuple[float, float, int, float]]]] = []
        seeded = 0
        for size in (int(s) for s in args.sizes.split(",")):
            forget_rollup()  # the history seeded next lies in the past: no marks for it
            took = seed(seeded + 1, size, args.per_day) if size > seeded else 0.0
            seeded = max(seeded, size)
            total = Ticket.objects.count()
            figures = {name: measure(client, url) for name, url in urls.items()}
            swept = roll_up()
            figures["trends, rolled up"] = measure(client, urls["trends"])
            figures["whole page, rolled up"] = measure(client, urls["whole page"])
            print(f"rollup sweep: {swept[0]:.1f} s wall, {swept[1]:.1f} s CPU", flush=True)
            results.append((total, took, figures))
            print(
                f"{total:,} tickets (seeded in {took:.0f} s): "
                + ", ".join(f"{n} {f[1]:.1f}" for n, f in figures.items()),
                flush=True,
            )
        report(args, results)
        print("\nQuery plans at the largest size:\n\n" + plans())


def report(args, results) -> None:  # type: ignore[no-untyped-def]
    names = [*PANELS, "trends, rolled up", "whole page", "whole page, rolled up"]
    print(f"\nLoad average at the end: {os.getloadavg()}")
    print(f"\n## Dashboard panels ({args.db}; {args.days}-day trends; ms over {RUNS} runs)\n")
    print(
        "| panel | "
        + " | ".join(f"{t:,} p50 / p95 (queries; mean CPU)" for t, _, _ in results)
        + f" | p95 {results[-1][0]:,} / {results[0][0]:,} |"
    )
    print("|---|" + "---|" * (len(results) + 1))
    for name in names:
        cells = ["{:.1f} / {:.1f} ({}; {:.1f})".format(*r[2][name]) for r in results]
        ratio = results[-1][2][name][1] / results[0][2][name][1]
        print(f"| {name} | " + " | ".join(cells) + f" | {ratio:.2f}x |")
    print("\nSeeding: " + ", ".join(f"{t:,} in {s:.0f} s" for t, s, _ in results))


if __name__ == "__main__":
    main()
