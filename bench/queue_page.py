"""Agent queue, first page, at growing volume (10k, 100k, 1M seeded tickets).

    python bench/queue_page.py --db sqlite --sizes 10000,100000,1000000
    python bench/queue_page.py --db postgres --sizes 10000,100000,1000000

Seeds one database up to each size in turn and, at each, renders the queue page (the full
view, as an agent's browser asks for it) and its filtered variants; prints p50/p95 and the
query plans. On PostgreSQL each bulk load is followed by VACUUM ANALYZE.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import prepared  # noqa: E402

RUNS = 60


def measure(client, url: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    client.get(url)  # warm caches
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def plan(sql: str, params: tuple[object, ...]) -> str:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return "\n".join("    " + " ".join(str(c) for c in row) for row in cursor.fetchall())


def settle() -> None:
    """PostgreSQL: VACUUM ANALYZE after the bulk load, the steady state autovacuum reaches
    on a live desk (otherwise autovacuum runs during the measurement on the same 2 cores)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    args = parser.parse_args()
    with prepared(args.db) as env:
        os.environ.update(env)
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client

        from charterdesk.accounts.models import User
        from charterdesk.routing.models import Queue
        from charterdesk.tickets.models import Ticket
        from charterdesk.tickets.selectors import agent_queue

        settings.ALLOWED_HOSTS = ["*"]
        call_command("collectstatic", interactive=False, verbosity=0)  # pages link to them
        client = Client()
        client.force_login(User.objects.get(email="tier1@charterdesk.example"))
        queue = Queue.objects.get(name="Frontline").pk
        results = []
        for size in (int(s) for s in args.sizes.split(",")):
            missing = size - Ticket.objects.count()
            if missing > 0:
                call_command("seed", tickets=missing, verbosity=0)
                settle()
            org = Ticket.objects.order_by("-id").values_list("organization_id", flat=True)[0]
            row = [size]
            for url in (
                "/desk/",
                f"/desk/?queue={queue}",
                f"/desk/?organization={org}",
                "/desk/?type=downtime",
            ):
                row.extend(measure(client, url))
            results.append(row)
            print(f"seeded {size:,}: " + ", ".join(f"{v:.1f}" for v in row[1:]), flush=True)
        plans = []
        for label, filters in (
            ("all open", {}),
            ("by queue", {"queue": str(queue)}),
            ("by organization", {"organization": str(org)}),
        ):
            sql, params = agent_queue(filters).values("id")[:51].query.sql_with_params()
            plans.append(f"{label}:\n{plan(sql, params)}")
        print(f"\n## Agent queue first page ({args.db}; ms, {RUNS} runs each)\n")
        print(
            "| tickets | all open p50 | p95 | by queue p50 | p95 | by organization p50 | "
            "p95 | by type p50 | p95 |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for row in results:
            print(f"| {row[0]:,} | " + " | ".join(f"{v:.1f}" for v in row[1:]) + " |")
        base, top = results[0][2], results[-1][2]
        print(
            f"\np95 of the default queue at {results[-1][0]:,} vs {results[0][0]:,}: "
            f"{top / base:.2f}x"
        )
        print("\nQuery plans (first page, 51 rows):\n\n" + "\n".join(plans))


if __name__ == "__main__":
    main()
