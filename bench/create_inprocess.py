"""Ticket creation through the API in-process (Django test client), one at a time.

    python bench/create_inprocess.py --db postgres
    PYTHONPATH=/path/to/other/checkout/src python bench/create_inprocess.py --db postgres
    python bench/create_inprocess.py --as agent --profile 25

No HTTP server and no load generator: the cost of one creation on its own, for comparing
two builds (the second form runs another checkout's code against a fresh database).
Prints wall and CPU milliseconds per creation (CPU: this process's, SQLite's work
included, PostgreSQL's server not). `--as agent`: an agent's token naming alice by
address, as bench/peer does; `--as customer` (default): alice's own token. `--profile N`:
one more run under cProfile, its N costliest functions by own time (the whole profile
in $PROFILE_OUT, default create_inprocess.prof in the temporary directory). `--keep NAME`:
a database kept between runs (bench/server.py `kept`), so two builds can alternate on one.
Each run also prints the p50 / p95 / max of its creations' wall times.
"""

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import kept, prepared  # noqa: E402

DEFAULT_PROFILE = str(Path(tempfile.gettempdir()) / "create_inprocess.prof")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--creates", type=int, default=300)
    parser.add_argument("--as", dest="who", choices=["customer", "agent"], default="customer")
    parser.add_argument("--profile", type=int, default=0)
    parser.add_argument("--keep", default="")
    args = parser.parse_args()
    database = kept(args.db, args.keep) if args.keep else prepared(args.db)
    with database as env:
        os.environ.update(env)
        import django

        django.setup()
        from django.conf import settings
        from django.test import Client

        from charterdesk.accounts.models import ApiToken, User

        settings.ALLOWED_HOSTS = ["*"]
        fields = {"subject": "Export fails", "body": "I get an error"}
        email = "alice@acme.example"
        if args.who == "agent":
            email, fields = "tier1@charterdesk.example", fields | {"requester_email": email}
        _, token = ApiToken.issue(User.objects.get(email=email))
        client = Client(headers={"Authorization": f"Bearer {token}"})
        body = json.dumps(fields)

        each: list[float] = []

        def creations(count: int) -> None:
            for _ in range(count):
                start = time.perf_counter()
                response = client.post("/api/v1/tickets", body, content_type="application/json")
                each.append(time.perf_counter() - start)
                assert response.status_code == 201, response.content

        creations(50)  # warm-up: caches, connections
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            creations(1)
        print(f"statements of one warm creation ({len(captured.captured_queries)}):")
        for query in captured.captured_queries:
            print("   ", query["sql"][:110])
        times, spreads = [], []
        for _ in range(args.runs):
            each.clear()
            start, cpu = time.perf_counter(), time.process_time()
            creations(args.creates)
            wall_ms = (time.perf_counter() - start) / args.creates * 1000
            times.append((wall_ms, (time.process_time() - cpu) / args.creates * 1000))
            spreads.append(_spread(each))
        print(
            f"{args.db} ({args.who}): ms per creation (wall / CPU), {args.runs} runs of "
            f"{args.creates}: " + ", ".join(f"{w:.2f} / {c:.2f}" for w, c in times)
        )
        print("    p50 / p95 / max ms: " + ", ".join(spreads))
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(creations, args.creates)
            profile.dump_stats(os.environ.get("PROFILE_OUT", DEFAULT_PROFILE))
            pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)


def _spread(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p50, p95 = ordered[len(ordered) // 2], ordered[int(len(ordered) * 0.95)]
    return f"{p50 * 1000:.2f} / {p95 * 1000:.2f} / {ordered[-1] * 1000:.1f}"


if __name__ == "__main__":
    main()
