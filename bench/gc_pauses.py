"""The garbage collector's pauses in a fresh web process, with and without `settle()`.

    python bench/gc_pauses.py --keep basepage --rounds 100            # Python's defaults
    python bench/gc_pauses.py --keep basepage --rounds 100 --settle   # core/serving.py
    python bench/gc_pauses.py --keep basepage --rounds 100 --disable  # no collections at all

Starts as a web worker does (the application loaded, nothing served yet), then serves, in
turn and as many rounds as asked, the queue page, an agent's ticket page and a ticket
created through the API, each through Django's test client. Prints per operation p50, p95,
p99 and the longest request (ms), and the collections of each generation with their time,
and how many requests had a full (generation 2) collection inside them. Run both ways in
turn, in separate processes, for a before/after in the same time window.
"""

import argparse
import gc
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from base_page import GcClock  # noqa: E402
from server import kept  # noqa: E402

AGENT = "tier1@charterdesk.example"


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(len(ordered) * share) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--keep", default="basepage")
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--settle", action="store_true", help="core.serving.settle() first")
    parser.add_argument("--disable", action="store_true", help="no garbage collection at all")
    args = parser.parse_args()
    with kept(args.db, args.keep) as env:
        os.environ.update(env)
        import django

        django.setup()
        from django.conf import settings
        from django.test import Client

        from charterdesk.accounts.models import ApiToken, User
        from charterdesk.tickets.models import Ticket

        settings.ALLOWED_HOSTS = ["*"]
        if args.settle:
            from charterdesk.core.serving import settle

            settle()
        if args.disable:
            gc.disable()
        agent = User.objects.get(email=AGENT)
        page = Client()
        page.force_login(agent)
        _, token = ApiToken.issue(agent)
        api = Client(headers={"Authorization": f"Bearer {token}"})
        ticket = Ticket.objects.filter(status="open").order_by("pk").first()
        assert ticket is not None
        body = json.dumps(
            {"subject": "Export fails", "body": "An error", "requester_email": "alice@acme.example"}
        )
        operations = {
            "queue": lambda: page.get("/desk/"),
            "ticket": lambda: page.get(f"/desk/tickets/{ticket.pk}/"),
            "create": lambda: api.post("/api/v1/tickets", body, content_type="application/json"),
        }
        times: dict[str, list[float]] = {name: [] for name in operations}
        with_full = dict.fromkeys(operations, 0)
        clock = GcClock()
        gc.callbacks.append(clock)
        for _ in range(args.rounds):
            for name, operation in operations.items():
                full = clock.counts[2]
                start = time.perf_counter()
                response = operation()
                times[name].append((time.perf_counter() - start) * 1000)
                assert response.status_code in (200, 201), (name, response.status_code)
                with_full[name] += clock.counts[2] > full
        gc.callbacks.remove(clock)
        mode = "settle()" if args.settle else "Python's defaults"
        mode += ", collector off" if args.disable else ""
        print(f"{mode}: threshold {gc.get_threshold()}, frozen {gc.get_freeze_count()}, "
              f"{args.rounds} rounds, load {os.getloadavg()[0]:.2f}")  # fmt: skip
        for name, samples in times.items():
            p50, p95, p99 = (percentile(samples, share) for share in (0.5, 0.95, 0.99))
            print(
                f"  {name:7} p50 {p50:6.1f}  p95 {p95:6.1f}  p99 {p99:6.1f}"
                f"  max {max(samples):6.1f}  requests with a full collection: {with_full[name]}"
            )
        print(
            "  collections: "
            + "  ".join(
                f"gen{g} {clock.counts[g]}x {clock.seconds[g] * 1000:.0f} ms" for g in range(3)
            )
        )


if __name__ == "__main__":
    main()
