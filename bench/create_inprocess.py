"""Ticket creation through the API in-process (Django test client), one at a time.

    python bench/create_inprocess.py --db postgres
    PYTHONPATH=/path/to/other/checkout/src python bench/create_inprocess.py --db postgres

No HTTP server and no load generator: the cost of one creation on its own, for comparing
two builds (the second form runs another checkout's code against a fresh database).
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import prepared  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--creates", type=int, default=300)
    args = parser.parse_args()
    with prepared(args.db) as env:
        os.environ.update(env)
        import django

        django.setup()
        from django.conf import settings
        from django.test import Client

        from charterdesk.accounts.models import ApiToken, User

        settings.ALLOWED_HOSTS = ["*"]
        _, token = ApiToken.issue(User.objects.get(email="alice@acme.example"))
        client = Client(headers={"Authorization": f"Bearer {token}"})
        body = json.dumps({"subject": "Export fails", "body": "I get an error"})
        for _ in range(50):  # warm-up: caches, connections
            client.post("/api/v1/tickets", body, content_type="application/json")
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            for _ in range(args.creates):
                response = client.post("/api/v1/tickets", body, content_type="application/json")
                assert response.status_code == 201, response.content
            times.append((time.perf_counter() - start) / args.creates * 1000)
        print(
            f"{args.db}: ms per creation, {args.runs} runs of {args.creates}: "
            + ", ".join(f"{t:.2f}" for t in times)
        )


if __name__ == "__main__":
    main()
