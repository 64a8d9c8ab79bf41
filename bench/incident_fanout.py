"""Alert fan-out: from "qualify" to every first alert queued in the mail outbox.

    python bench/incident_fanout.py --db sqlite
    python bench/incident_fanout.py --db postgres
    python bench/incident_fanout.py --db sqlite --contacts 100000 --orgs 5000 --affected 10000

Seeds ORGS organizations with CONTACTS contacts spread evenly over them (default 1,000,000
in 50,000), every contact opted in to incident notices, and one deployment per
organization: the organizations holding AFFECTED contacts (default 100,000) use the
service "Cloud", the others "Other". Then times `incident_qualify` of a suspected incident
on Cloud (severity 1: alert at once) in one transaction, which computes and stores the
audience in SQL and queues one mail per contact in batches, and reports the growth of
the process's peak memory (flat: the audience is never a list in Python).
"""

import argparse
import os
import resource
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import prepared  # noqa: E402

BATCH = 20_000


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def seed(orgs: int, contacts: int, affected: int) -> None:
    from django.db import connection, transaction

    from charterdesk.customers.models import Contact, Organization
    from charterdesk.incidents.models import AlertOptIn, Deployment, Service

    per_org = contacts // orgs
    cloud, _ = Service.objects.get_or_create(name="Cloud")
    other, _ = Service.objects.get_or_create(name="Other")
    affected_orgs = affected // per_org
    with transaction.atomic():
        for start in range(0, orgs, BATCH):
            Organization.objects.bulk_create(
                Organization(name=f"bench-org-{n}") for n in range(start, min(orgs, start + BATCH))
            )
        org_ids = list(
            Organization.objects.filter(name__startswith="bench-org-")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Deployment.objects.bulk_create(
            (
                Deployment(organization_id=pk, service=cloud if n < affected_orgs else other)
                for n, pk in enumerate(org_ids)
            ),
            batch_size=BATCH,
        )
        rows = (
            Contact(organization_id=org_ids[n // per_org], email=f"c{n}@bench.example")
            for n in range(per_org * orgs)
        )
        _bulk(Contact, rows)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {AlertOptIn._meta.db_table} (contact_id, service_id, created_at) "  # noqa: S608
                f"SELECT id, NULL, %s FROM {Contact._meta.db_table} WHERE email LIKE %s",
                [connection.ops.adapt_datetimefield_value(_now()), "%@bench.example"],
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _bulk(model, rows) -> None:  # type: ignore[no-untyped-def]
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            model.objects.bulk_create(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)


def _now():  # type: ignore[no-untyped-def]
    from django.utils import timezone

    return timezone.now()


def run() -> tuple[float, int, int, int]:
    from django.db import transaction

    from charterdesk.incidents import services
    from charterdesk.incidents.models import Incident, Service, SeverityPolicy
    from charterdesk.mail.models import OutboundMail

    severity, _ = SeverityPolicy.objects.get_or_create(
        level=1, defaults={"name": "Critical", "alert_customers": True, "alert_after_minutes": 0}
    )
    now = _now()
    cloud = Service.objects.get(name="Cloud")
    incident = services.incident_open(None, title="Bench outage", services=[cloud], now=now)
    before = OutboundMail.objects.count()
    start = time.perf_counter()
    with transaction.atomic():
        services.incident_qualify(
            incident,
            None,
            confirm=True,
            severity=severity,
            alert_customers=True,
            next_update_at=now + timedelta(minutes=30),
            now=now,
        )
    seconds = time.perf_counter() - start
    queued = OutboundMail.objects.count() - before
    incident = Incident.objects.get(pk=incident.pk)
    return (
        seconds,
        incident.audience_organizations.count(),
        incident.audience_contacts.count(),
        queued,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--orgs", type=int, default=50_000)
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--affected", type=int, default=100_000)
    args = parser.parse_args()
    with prepared(args.db) as env:
        os.environ.update(env)
        import django

        django.setup()
        started = time.perf_counter()
        seed(args.orgs, args.contacts, args.affected)
        print(
            f"seeded {args.contacts:,} contacts in {args.orgs:,} organizations "
            f"in {time.perf_counter() - started:.0f} s"
        )
        base = peak_mib()
        if os.environ.get("BENCH_PROFILE"):
            import cProfile

            cProfile.runctx("run()", globals(), locals(), sort="cumulative")
            return
        seconds, orgs, contacts, queued = run()
        grown = peak_mib() - base
        print(f"\n## Incident alert fan-out ({args.db})\n")
        print(
            "| contacts | organizations | affected orgs | audience | mails queued "
            "| qualify → queued s | peak memory growth MiB |"
        )
        print("|---|---|---|---|---|---|---|")
        print(
            f"| {args.contacts:,} | {args.orgs:,} | {orgs:,} | {contacts:,} | {queued:,} "
            f"| {seconds:.1f} | {grown:.0f} |"
        )


if __name__ == "__main__":
    main()
