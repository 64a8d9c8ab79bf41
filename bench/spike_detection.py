"""The spike job (`detect-ticket-spikes`) on a desk with 100,000 tickets of history.

    python bench/spike_detection.py                    # SQLite, 100,000 tickets
    python bench/spike_detection.py --rows 20000 --db postgres

Imports the generated history of bench/import_tickets.py (700 days, 30 categories, 400
organizations, subjects made of a few common words), plus a burst: 30 "Uploads failing"
tickets from 10 organizations in the last 40 minutes. Then times, with the settings'
defaults (60-minute window, 8 weeks of history):
- baseline: the two queries any detector must make, the window's tickets and the same
  window in the 8 past weeks, read without clustering (`window_tickets`, and the history
  rows counted in Python);
- the first run, which clusters, finds the burst, opens one suspected incident and links
  its 30 tickets;
- a steady run (median of 5): nothing new, the open spike followed, nothing raised.
"""

import csv
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_tickets import environment, generate  # noqa: E402

NOW = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)  # inside the generated history


def add_burst(path: Path, now: datetime) -> None:
    with path.open("a", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        for i in range(30):
            created = now - timedelta(minutes=40 - i)
            org = 7 + (i % 10) * 31
            writer.writerow(
                [f"BURST-{i}", "Uploads failing since the update", "Uploads stop at 99%.",
                 "", "error", "high", "open", created.isoformat(" ", "seconds"), "",
                 f"person{org}@client{org}.example", "", f"Imported Org {org:04d}", "email", ""]
            )  # fmt: skip


def clock(fn):  # type: ignore[no-untyped-def]
    started, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - started, time.process_time() - cpu, result


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    environment(args.db)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.db.models import Q

    from charterdesk.demo.reference import build_reference
    from charterdesk.incidents.models import Incident, Service
    from charterdesk.insights.spikes.clusters import window_tickets
    from charterdesk.insights.spikes.detect import spikes_detect
    from charterdesk.tickets.models import Ticket

    call_command("migrate", verbosity=0)
    build_reference()
    Service.objects.create(name="Cloud")
    path = Path(os.environ["CHARTERDESK_DATA_DIR"]) / "tickets.csv"
    generate(path, args.rows, random.Random(17))  # noqa: S311 - synthetic data
    add_burst(path, NOW)
    call_command("import", "tickets", str(path), stderr=open(os.devnull, "w"))  # noqa: SIM115
    since = NOW - timedelta(minutes=60)

    def baseline() -> int:
        seen = window_tickets(since, NOW)
        weeks = Q()
        for week in range(1, 9):
            back = timedelta(weeks=week)
            weeks |= Q(created_at__gte=since - back, created_at__lt=NOW - back)
        rows = Ticket.objects.filter(weeks, merged_into__isnull=True).values_list(
            "category_id", "subject"
        )
        return len(seen) + sum(1 for _ in rows.iterator(chunk_size=5000))

    def run():  # type: ignore[no-untyped-def]
        with transaction.atomic():
            return spikes_detect(NOW)

    base = [clock(baseline) for _ in range(5)]
    first_wall, first_cpu, first = clock(run)
    steady = [clock(run) for _ in range(5)]
    base_wall = statistics.median(b[0] for b in base)
    base_cpu = statistics.median(b[1] for b in base)
    steady_wall = statistics.median(s[0] for s in steady)
    steady_cpu = statistics.median(s[1] for s in steady)
    print(f"\n## Spike detection ({args.db}, {Ticket.objects.count():,} tickets)\n")
    print(f"load average at the end: {os.getloadavg()} on {os.cpu_count()} cores")
    print(f"rows read by the baseline: {base[0][2]:,}")
    print(f"baseline (window + 8 past weeks' windows, read only): {base_wall * 1000:.0f} ms "
          f"wall, {base_cpu * 1000:.0f} ms CPU")  # fmt: skip
    print(f"first run (raises {len(first.raised)}, links {first.linked}): "
          f"{first_wall * 1000:.0f} ms wall, {first_cpu * 1000:.0f} ms CPU, "
          f"{first_wall / base_wall:.1f}x baseline")  # fmt: skip
    print(f"steady run (median of 5, raises nothing): {steady_wall * 1000:.0f} ms wall, "
          f"{steady_cpu * 1000:.0f} ms CPU, {steady_wall / base_wall:.1f}x baseline")  # fmt: skip
    print(f"spike incidents: {[i.title for i in Incident.objects.all()]}")


if __name__ == "__main__":
    main()
