"""Status-page subscriber fan-out, against the incident alert fan-out in the same run.

    python bench/subscriber_fanout.py --db sqlite
    python bench/subscriber_fanout.py --db postgres
    python bench/subscriber_fanout.py --db sqlite --subscribers 10000 --contacts 10000

Seeds CONTACTS contacts (default 100,000) in ORGS organizations (default 5,000), every
one deployed on "Cloud" and opted in to incident notices, and SUBSCRIBERS confirmed
status-page subscribers (default 100,000): half of them on Cloud, half on "Other";
OVERLAP of the Cloud ones (default 10,000) have the address of an affected contact.
Then, on one public incident on Cloud whose audience is stored:

- baseline: the incident's notice to its audience only (`notices_send` on a private
  incident: CONTACTS mails, the existing fan-out);
- subscribers: `subscribers_notify` for the same notice (Cloud's subscribers minus those
  in the audience: SUBSCRIBERS / 2 - OVERLAP mails);

- maintenance: the announcement of a public window on Cloud (`maintenance_notify`: the
  affected customers, then the subscribers not already mailed);

each in its own transaction, and reports the times, mails per second, the ratio of the
two per mail, and the growth of the process's peak memory (flat: no list of subscribers).
PostgreSQL runs in its own throw-away database `charterdesk_bench_subs15`.
"""

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import PG_ADMIN, cli, drop, environment  # noqa: E402

BATCH = 20_000
PG_NAME = "charterdesk_bench_subs15"


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def prepared(db: str) -> Iterator[dict[str, str]]:
    data_dir = Path(tempfile.mkdtemp(prefix="charterdesk-bench-subs15-"))
    env = environment("sqlite", data_dir)
    if db == "postgres":
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{PG_NAME}"')
        env["DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + f"/{PG_NAME}"
    try:
        cli(env, "migrate", "--noinput", "-v0")
        cli(env, "demo")
        yield env
    finally:
        drop(env)
        shutil.rmtree(data_dir, ignore_errors=True)


def _sql(statement: str, params: list[object]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def seed(orgs: int, contacts: int, subscribers: int, overlap: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from charterdesk.customers.models import Contact, Organization
    from charterdesk.incidents.models import (
        AlertOptIn,
        Deployment,
        Service,
        Subscriber,
        Subscription,
    )
    from charterdesk.incidents.models.subscription import new_token

    now = connection.ops.adapt_datetimefield_value(timezone.now())
    cloud, _ = Service.objects.get_or_create(name="Cloud")
    other, _ = Service.objects.get_or_create(name="Other")
    per_org = contacts // orgs
    with transaction.atomic():
        Organization.objects.bulk_create(
            (Organization(name=f"bench-org-{n}") for n in range(orgs)), batch_size=BATCH
        )
        org_ids = list(
            Organization.objects.filter(name__startswith="bench-org-")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Deployment.objects.bulk_create(
            (Deployment(organization_id=pk, service=cloud) for pk in org_ids), batch_size=BATCH
        )
        Contact.objects.bulk_create(
            (
                Contact(organization_id=org_ids[n // per_org], email=f"c{n}@bench.example")
                for n in range(per_org * orgs)
            ),
            batch_size=BATCH,
        )
        _sql(
            f"INSERT INTO {AlertOptIn._meta.db_table} (contact_id, service_id, created_at) "  # noqa: S608
            f"SELECT id, NULL, %s FROM {Contact._meta.db_table} WHERE email LIKE %s",
            [now, "%@bench.example"],
        )
        # Even numbers on Cloud, odd on Other; the first OVERLAP on Cloud are contacts.
        Subscriber.objects.bulk_create(
            (
                Subscriber(
                    email=f"c{n // 2}@bench.example"
                    if n % 2 == 0 and n // 2 < overlap
                    else f"s{n}@subscriber.example",
                    token=new_token(),
                    confirmed_at=timezone.now(),
                )
                for n in range(subscribers)
            ),
            batch_size=BATCH,
        )
        first = Subscriber.objects.order_by("pk").values_list("pk", flat=True).first() or 0
        _sql(
            f"INSERT INTO {Subscription._meta.db_table} (subscriber_id, service_id) "  # noqa: S608
            f"SELECT id, CASE WHEN (id - %s) %% 2 = 0 THEN %s ELSE %s END "
            f"FROM {Subscriber._meta.db_table}",
            [first, cloud.pk, other.pk],
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def run() -> dict[str, float]:
    from django.db import transaction
    from django.utils import timezone

    from charterdesk.incidents import services
    from charterdesk.incidents.audience import audience_compute
    from charterdesk.incidents.fanout import notices_send
    from charterdesk.incidents.maintenance import maintenance_notify
    from charterdesk.incidents.models import Maintenance, Service
    from charterdesk.incidents.subscriber_fanout import subscribers_notify

    now = timezone.now()
    cloud = Service.objects.get(name="Cloud")
    with transaction.atomic():
        incident = services.incident_open(None, title="Bench outage", services=[cloud], now=now)
        audience_compute(incident)
    subject, text = "[Incident] Bench outage", "Pages do not load.\n" * 5
    start = time.perf_counter()
    with transaction.atomic():
        baseline = notices_send(incident, subject, text, now)  # private: the audience only
    base_s = time.perf_counter() - start
    incident.is_public = True
    incident.save(update_fields=["is_public"])
    start = time.perf_counter()
    with transaction.atomic():
        subscribed = subscribers_notify([cloud.pk], subject, text, now, key="b", incident=incident)
    sub_s = time.perf_counter() - start
    window = Maintenance.objects.create(
        title="Bench upgrade", starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=2)
    )
    window.services.set([cloud])
    start = time.perf_counter()
    with transaction.atomic():
        told = maintenance_notify(window, now)
    return {
        "baseline": baseline,
        "base_s": base_s,
        "subscribed": subscribed,
        "sub_s": sub_s,
        "told": told,
        "told_s": time.perf_counter() - start,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--orgs", type=int, default=5_000)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--overlap", type=int, default=10_000)
    args = parser.parse_args()
    with prepared(args.db) as env:
        os.environ.update(env)
        import django

        django.setup()
        started = time.perf_counter()
        seed(args.orgs, args.contacts, args.subscribers, args.overlap)
        print(f"seeded in {time.perf_counter() - started:.0f} s")
        base = peak_mib()
        r = run()
        grown = peak_mib() - base
        per_base = r["base_s"] / max(r["baseline"], 1)
        per_sub = r["sub_s"] / max(r["subscribed"], 1)
        print(f"\n## Subscriber fan-out ({args.db})\n")
        print(
            "| subscribers | audience mails (baseline) | baseline s | subscriber mails "
            "| subscribers s | mails/s baseline | mails/s subscribers | cost per mail, "
            "subscribers / baseline | peak memory growth MiB |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        print(
            f"| {args.subscribers:,} | {r['baseline']:,.0f} | {r['base_s']:.2f} "
            f"| {r['subscribed']:,.0f} | {r['sub_s']:.2f} | {1 / per_base:,.0f} "
            f"| {1 / per_sub:,.0f} | {per_sub / per_base:.2f} | {grown:.0f} |"
        )
        print(
            f"\nMaintenance announcement (customers + subscribers, each address once): "
            f"{r['told']:,.0f} mails in {r['told_s']:.2f} s"
        )


if __name__ == "__main__":
    main()
