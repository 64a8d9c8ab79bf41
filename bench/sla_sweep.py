"""SLA sweep with N open tickets of which 1% are due (default 1,000,000).

    python bench/sla_sweep.py --db sqlite
    python bench/sla_sweep.py --db postgres

Seeds N tickets, makes every one open with one active resolution clock (1% of them past
their deadline and warning time, the rest due tomorrow), then times the sweep (which
warns and breaches the due 1% with the demo plans' actions: 2% of N transitions) and a
second, idempotent sweep; prints the query plans of the claims. On PostgreSQL the set-up
ends with VACUUM ANALYZE, the steady state autovacuum reaches on a live desk.
"""

import argparse
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import prepared  # noqa: E402

CLOCKS = (
    "INSERT INTO sla_slaclock (ticket_id, metric, state, breached, warned, target_minutes, "
    "started_at, running_since, used_before, due_at, warn_at, overridden) "
    "SELECT id, 'resolution', 'active', %s, %s, 480, created_at, created_at, 0, "
    "CASE WHEN id %% 100 = 0 THEN %s ELSE %s END, CASE WHEN id %% 100 = 0 THEN %s ELSE %s END, %s "
    "FROM tickets_ticket"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--tickets", type=int, default=1_000_000)
    args = parser.parse_args()
    with prepared(args.db) as env:
        os.environ.update(env)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection, transaction
        from django.utils import timezone

        from charterdesk.sla.models import SlaClock
        from charterdesk.sla.sweep import sweep

        started = time.perf_counter()
        call_command("seed", tickets=args.tickets, verbosity=0)
        print(f"seeded {args.tickets:,} tickets in {time.perf_counter() - started:.0f} s")
        now = timezone.now()
        adapt = connection.ops.adapt_datetimefield_value
        past, future = adapt(now - timedelta(minutes=1)), adapt(now + timedelta(days=1))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM sla_slaevent")
            cursor.execute("DELETE FROM sla_slaclock")
            cursor.execute("UPDATE tickets_ticket SET status = 'open'")
            cursor.execute(CLOCKS, [False, False, past, future, past, future, False])
        if connection.vendor == "postgresql":
            # A steady state, as in a live desk: no dead rows from the bulk set-up above,
            # hint bits set, statistics fresh (autovacuum would do this within minutes).
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        active = SlaClock.objects.filter(state="active").count()
        due = SlaClock.objects.filter(due_at__lte=now).count()
        print(f"{active:,} active clocks on open tickets, {due:,} due ({due / active:.1%})")
        plans = explain(connection, now)
        start = time.perf_counter()
        result = sweep(now)
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = sweep(now)
        second = time.perf_counter() - start
        print(f"\n## SLA sweep ({args.db}, {active:,} open tickets, 1% due)\n")
        print("| run | warned | breached | seconds |")
        print("|---|---|---|---|")
        print(f"| first | {len(result.warned):,} | {len(result.breached):,} | {first:.2f} |")
        print(
            f"| again (idempotent) | {len(again.warned)} | {len(again.breached)} | {second:.3f} |"
        )
        print(f"\nPlans of the claim's inner query:\n\n{plans}")


def explain(connection, now) -> str:  # type: ignore[no-untyped-def]
    when = connection.ops.adapt_datetimefield_value(now)
    out = []
    for flag, column in (("warned", "warn_at"), ("breached", "due_at")):
        sql = (
            f'SELECT id FROM sla_slaclock WHERE "state" = \'active\' AND NOT "{flag}" '
            f'AND "{column}" <= %s ORDER BY "{column}" LIMIT 5000'
        )
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql, [when])
            rows = cursor.fetchall()
        out.append(f"{flag}:\n" + "\n".join("    " + " ".join(str(c) for c in r) for r in rows))
    return "\n".join(out)


if __name__ == "__main__":
    main()
