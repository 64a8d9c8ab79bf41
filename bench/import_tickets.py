"""Import of past tickets: `charterdesk import tickets FILE.csv` with 100,000 rows.

    python bench/import_tickets.py                 # SQLite, 100,000 rows
    python bench/import_tickets.py --rows 20000 --db postgres

Generates a realistic CSV (about 40 categories two levels deep, 400 organizations, 12,000
requesters, subjects and bodies of 30-80 words, 3 in 4 tickets solved, one bad row in a
thousand), migrates a fresh database with the demo's reference data, then times: the
baseline (reading and checking every row of the file without writing: `read_rows`), the
first import, and a second import of the same file (idempotent: nothing changes).
"""

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
PG_ADMIN = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_NAME = "cd_insights_bench"
TOPICS = {
    "Billing": ["Refunds", "Invoices", "Payment methods", "Taxes", "Upgrades"],
    "Account": ["Login", "Two-factor", "Permissions", "SSO", "Deletion"],
    "Integrations": ["Webhooks", "API tokens", "Slack", "Salesforce", "Zapier"],
    "Data": ["Export", "Import", "Sync", "Backups", "Reports"],
    "Performance": ["Timeouts", "Slow pages", "Outage"],
    "Mobile": ["iOS", "Android", "Notifications"],
}
TEXT = """the export fails with an error after we upgraded yesterday and our team
cannot finish the monthly report please advise how to fix the webhook token sync invoice
refund login page timeout certificate dashboard order"""
WORDS = TEXT.split()
STATUSES = (["solved", "closed", "open", "pending", "new"], [55, 20, 12, 8, 5])
TYPES = (["error", "how_to", "downtime", "consulting"], [40, 45, 5, 10])


def generate(path: Path, rows: int, rng: random.Random) -> None:
    paths = [f"{top} › {sub}" for top, subs in TOPICS.items() for sub in subs]
    orgs = [f"Imported Org {i:04d}" for i in range(400)]
    people = [(f"person{i}@client{i % 400}.example", f"Person {i}") for i in range(12_000)]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                "external_id", "subject", "body", "category", "request_type", "priority",
                "status", "created_at", "solved_at", "requester_email", "requester_name",
                "organization", "channel", "product",
            ]
        )  # fmt: skip
        for i in range(rows):
            created = start + timedelta(minutes=rng.randint(0, 700 * 24 * 60))
            status = rng.choices(*STATUSES)[0]
            solved = created + timedelta(hours=rng.randint(1, 200))
            email, name = rng.choice(people)
            bad = i % 1000 == 999
            writer.writerow(
                [
                    f"ZD-{i}",
                    " ".join(rng.choices(WORDS, k=rng.randint(4, 9))).capitalize(),
                    " ".join(rng.choices(WORDS, k=rng.randint(30, 80))),
                    rng.choice(paths),
                    rng.choices(*TYPES)[0],
                    rng.choice(["low", "normal", "normal", "high", "urgent"]),
                    status,
                    "yesterday" if bad else created.isoformat(" ", "minutes"),
                    solved.isoformat(" ", "minutes") if status in ("solved", "closed") else "",
                    email,
                    name,
                    orgs[int(email.split("@client")[1].split(".")[0])],
                    rng.choice(["email", "email", "portal", "phone", "chat"]),
                    rng.choice(["Cloud", "Server", "Mobile app", ""]),
                ]
            )


def environment(db: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "charterdesk.settings"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.pop("DATABASE_URL", None)
    os.environ["CHARTERDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="charterdesk-import-")
    if db == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{PG_NAME}"')
        os.environ["DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + f"/{PG_NAME}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    environment(args.db)
    import django

    django.setup()
    from django.core.management import call_command

    from charterdesk.demo.reference import build_reference
    from charterdesk.insights.importer import read_rows
    from charterdesk.search.models import TicketEntry
    from charterdesk.tickets.models import Ticket

    call_command("migrate", verbosity=0)
    build_reference()
    path = Path(os.environ["CHARTERDESK_DATA_DIR"]) / "tickets.csv"
    generate(path, args.rows, random.Random(17))  # noqa: S311 - synthetic data
    started, cpu = time.perf_counter(), time.process_time()
    with path.open(encoding="utf-8", newline="") as lines:
        checked = sum(1 for _ in read_rows(lines))
    baseline, baseline_cpu = time.perf_counter() - started, time.process_time() - cpu
    runs, cpus = [], []
    for _ in range(2):
        started, cpu = time.perf_counter(), time.process_time()
        call_command("import", "tickets", str(path), stderr=open(os.devnull, "w"))  # noqa: SIM115
        runs.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    tickets, indexed = Ticket.objects.count(), TicketEntry.objects.count()
    print(f"\n## Import of past tickets ({args.db}, {args.rows:,} rows)\n")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"CPU seconds of this process: baseline {baseline_cpu:.1f}, first import "
          f"{cpus[0]:.1f}, second {cpus[1]:.1f}")  # fmt: skip
    print(f"baseline (read and check {checked:,} rows, no writes): {baseline:.1f} s")
    print(f"first import: {runs[0]:.1f} s ({args.rows / runs[0]:,.0f} rows/s, "
          f"{runs[0] / baseline:.1f}× baseline)")  # fmt: skip
    print(f"second import (idempotent): {runs[1]:.1f} s ({runs[1] / baseline:.1f}× baseline)")
    print(f"tickets in the database: {tickets:,}; in the search index: {indexed:,}")


if __name__ == "__main__":
    main()
