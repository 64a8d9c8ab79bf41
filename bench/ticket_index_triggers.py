"""What the ticket index's triggers cost a new ticket's message, before and after (issue #14).

    python bench/ticket_index_triggers.py --db sqlite
    python bench/ticket_index_triggers.py --db postgres

In one run, alternating: the message-insert trigger as it was (recompute the ticket's
whole row), as it is (append the body), and (SQLite) no triggers. Each sample: a new
ticket by `ticket_create` (intake, its first message), then one more message inserted by
SQL in the same transaction, rolled back. PostgreSQL: the triggers' own time from
`EXPLAIN ANALYZE`; SQLite (in-process): the INSERT's time with its triggers.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_tickets import realistic, subject  # noqa: E402
from server import prepared  # noqa: E402

ROUNDS, SAMPLES = 8, 25


def measure(postgres: bool) -> dict[str, list[float]]:
    from django.db import connection, transaction

    from charterdesk.customers.models import Contact
    from charterdesk.intake.services import ticket_create
    from charterdesk.search import ticket_index
    from charterdesk.tickets.models import Message

    alice = Contact.objects.select_related("organization", "user").get(email="alice@acme.example")
    rng = random.Random(7)  # noqa: S311 - synthetic data
    after = dict(ticket_index.TRIGGERS)
    before = after | {
        "search_ticket_on_message_insert": ("tickets_message", "INSERT", "", "t.id = new.ticket_id")
    }
    variants = {"before": before, "after": after} | ({} if postgres else {"off": {}})
    cols = ", ".join(f.column for f in Message._meta.concrete_fields if f.column != "id")
    copy = f"INSERT INTO tickets_message ({cols}) SELECT {cols} FROM tickets_message "  # noqa: S608
    copy += "WHERE ticket_id = %s LIMIT 1"
    results: dict[str, list[float]] = {name: [] for name in variants}
    for round_ in range(ROUNDS):
        names = list(variants) if round_ % 2 else list(reversed(variants))
        for name in names:
            with transaction.atomic():
                ticket_index.uninstall()
                ticket_index.TRIGGERS.clear()
                ticket_index.TRIGGERS.update(variants[name])
                if variants[name]:
                    ticket_index.install()
            for _ in range(SAMPLES):
                with transaction.atomic(), connection.cursor() as cursor:
                    ticket = ticket_create(
                        requester=alice,
                        actor=alice.user,
                        subject=subject(rng),
                        body=realistic(rng, 4),
                        request_type="error",
                        priority="normal",
                    )
                    cursor.execute("SAVEPOINT sample")
                    if postgres:
                        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + copy, [ticket.pk])
                        plan = cursor.fetchone()[0]
                        plan = plan if isinstance(plan, list) else json.loads(plan)
                        ms = sum(
                            trigger["Time"]
                            for trigger in plan[0].get("Triggers", [])
                            if trigger["Trigger Name"].startswith("search_ticket")
                        )
                    else:
                        start = time.perf_counter()
                        cursor.execute(copy, [ticket.pk])
                        ms = (time.perf_counter() - start) * 1000
                    cursor.execute("ROLLBACK TO SAVEPOINT sample")
                    results[name].append(ms)
    with transaction.atomic():
        ticket_index.TRIGGERS.clear()
        ticket_index.TRIGGERS.update(after)
        ticket_index.install()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    with prepared(args.db) as env:
        os.environ.update(env)
        import django

        django.setup()
        what = "trigger ms" if args.db == "postgres" else "INSERT ms with triggers"
        for name, samples in measure(args.db == "postgres").items():
            p90 = sorted(samples)[int(len(samples) * 0.9)]
            median = statistics.median(samples)
            print(f"{args.db} {name}: {what} median {median:.3f} p90 {p90:.3f} (n={len(samples)})")


if __name__ == "__main__":
    main()
