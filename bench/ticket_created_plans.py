"""Query plans of the reads that scan tickets by creation time, with and without the
indexes on creation time: `ticket_by_created` (workspace/dashboard/indexes.py) and
`ticket_unmerged_by_created` (tickets, migration 0016: merged_into, created_at).

    CHARTERDESK_DATA_DIR=DIR [DATABASE_URL=postgres://...] python bench/ticket_created_plans.py

Runs against a migrated desk (the demo data makes the plans realistic; on PostgreSQL the
tables are ANALYZEd first). Captures the SQL of the spike job (`spikes_detect`), of the
volume report (tickets created in the last 28 days, by request type) and of the trending
categories, and prints each statement's plan as the database has it, then with each index
dropped in turn (and made again at once: run it on a bench database, not a live one).
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "charterdesk.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from charterdesk.insights import volume  # noqa: E402
from charterdesk.insights.periods import Period  # noqa: E402
from charterdesk.insights.spikes.detect import spikes_detect  # noqa: E402

# Dropped in turn to show the plan without it (ticket_by_created is not: on SQLite, a DROP
# of it through Django's connection did not change the plans, to be looked into).
INDEXES = {"ticket_unmerged_by_created": '("merged_into_id", "created_at")'}


class RollbackError(Exception):
    pass


def statements() -> list[tuple[str, str]]:
    now = timezone.now()
    reads = {
        "spike job": lambda: spikes_detect(now),
        "volume by request type, 28 days": lambda: list(
            volume.grouped(
                volume.created_in(Period((now - timedelta(days=28)).date(), now.date())),
                volume.DIMENSIONS["request_type"],
            )
        ),
        "trending categories": lambda: volume.trending_categories(now),
    }
    found = []
    for name, read in reads.items():
        try:
            with transaction.atomic():
                with CaptureQueriesContext(connection) as captured:
                    read()
                raise RollbackError
        except RollbackError:
            pass
        found += [
            (name, q["sql"])
            for q in captured.captured_queries
            if "tickets_ticket" in q["sql"] and q["sql"].lstrip().upper().startswith("SELECT")
        ]
    return found


def plan(sql: str) -> str:
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        rows = cursor.fetchall()
    return "\n".join("    " + " ".join(str(c) for c in row) for row in rows)


def main() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    found = statements()
    print(f"{connection.vendor}: {len(found)} statements read tickets")
    for name, sql in found:
        print(f"\n## {name}\n  {sql[:300]}{' …' if len(sql) > 300 else ''}")
        print("  with the indexes:")
        print(plan(sql))
        for index, columns in INDEXES.items():
            with connection.cursor() as cursor:
                cursor.execute(f'DROP INDEX "{index}"')
            print(f"  without {index}:")
            print(plan(sql))
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE INDEX "{index}" ON "tickets_ticket" {columns}')


if __name__ == "__main__":
    main()
