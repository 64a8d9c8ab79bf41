"""Outgoing webhooks and the deployments import at size (issue #15).

    python bench/incident_webhooks.py --db sqlite
    python bench/incident_webhooks.py --db sqlite --orgs 50000 --endpoints 10 --events 200

1. Deployments import: seeds ORGS organizations, writes a CSV with one row per
   organization (service "Cloud", region EU) plus 1% rows naming unknown organizations,
   and times the dry run (the preview), the import, and the same import again (nothing
   to add).
2. Webhooks: ENDPOINTS endpoints pointing at a local HTTP server, EVENTS events emitted
   (one delivery per endpoint and event), then times one `retry-webhooks` sweep that
   posts them all (signed, one connection each), and reports deliveries per second.
"""

import argparse
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import prepared  # noqa: E402


def seed(orgs: int) -> None:
    from charterdesk.customers.models import Organization
    from charterdesk.incidents.models import Service

    Service.objects.get_or_create(name="Cloud")
    for start in range(0, orgs, 10_000):
        Organization.objects.bulk_create(
            Organization(name=f"bench-org-{n}") for n in range(start, min(orgs, start + 10_000))
        )


def import_bench(orgs: int) -> list[tuple[str, float, str]]:
    from django.db import transaction

    from charterdesk.incidents.deployment_import import deployments_import, read_deployments

    lines = ["organization,service,region"]
    lines += [f"bench-org-{n},Cloud,EU" for n in range(orgs)]
    lines += [f"nobody-{n},Cloud,EU" for n in range(orgs // 100)]
    data = ("\n".join(lines) + "\n").encode()
    results = []
    for label, dry in (("preview (dry run)", True), ("import", False), ("import again", False)):
        start = time.perf_counter()
        with transaction.atomic():
            report = deployments_import(None, read_deployments(data), dry_run=dry)
        seconds = time.perf_counter() - start
        outcome = (
            f"{report.count('new'):,} new, {report.count('existing'):,} already there, "
            f"{len(report.errors):,} refused"
        )
        results.append((label, seconds, outcome))
    return results


def receiver() -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/hook"


def webhooks_bench(endpoints: int, events: int) -> tuple[int, float]:
    from django.db import transaction
    from django.utils import timezone

    from charterdesk.incidents.webhooks.models import WebhookDelivery, WebhookEndpoint
    from charterdesk.incidents.webhooks.services import webhooks_emit
    from charterdesk.incidents.webhooks.sweep import sweep

    server, url = receiver()
    WebhookEndpoint.objects.bulk_create(
        WebhookEndpoint(name=f"bench-{n}", url=url, events=["incident.updated"])
        for n in range(endpoints)
    )
    now = timezone.now()
    with transaction.atomic():
        for n in range(events):
            webhooks_emit("incident.updated", {"incident": {"id": n, "title": "Bench"}}, now)
    start = time.perf_counter()
    attempted = sweep(timezone.now())
    seconds = time.perf_counter() - start
    server.shutdown()
    assert WebhookDelivery.objects.filter(state="succeeded").count() == len(attempted)
    return len(attempted), seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--orgs", type=int, default=20_000)
    parser.add_argument("--endpoints", type=int, default=10)
    parser.add_argument("--events", type=int, default=100)
    args = parser.parse_args()
    with prepared(args.db) as env:
        os.environ.update(env)
        os.environ["WEBHOOKS_ALLOW_PRIVATE_ADDRESSES"] = "true"
        import django

        django.setup()
        seed(args.orgs)
        print(f"\n## Deployments import ({args.db}, {args.orgs:,} organizations)\n")
        print("| step | seconds | outcome |\n|---|---|---|")
        for label, seconds, outcome in import_bench(args.orgs):
            print(f"| {label} | {seconds:.2f} | {outcome} |")
        sent, seconds = webhooks_bench(args.endpoints, args.events)
        print(f"\n## Webhook deliveries ({args.db})\n")
        print("| endpoints | events | deliveries posted | sweep s | deliveries/s |")
        print("|---|---|---|---|---|")
        rate = sent / seconds
        print(f"| {args.endpoints} | {args.events} | {sent:,} | {seconds:.1f} | {rate:.0f} |")


if __name__ == "__main__":
    main()
