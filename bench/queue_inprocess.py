"""The agent queue page in-process, on a kept database: p50/p95, statements and a profile.

    python bench/queue_inprocess.py --db sqlite --keep q100k --size 100000
    python bench/queue_inprocess.py --db postgres --keep q100k --size 100000 --profile 100

Seeds the kept database (bench/.kept/NAME, or the PostgreSQL database bench_NAME) up to
`--size` tickets the first time (then VACUUM ANALYZE on PostgreSQL), and renders the queue
page as a tier-1 agent's browser asks for it, through Django's test client: the default
queue, filtered by queue, by the tag "vip" and by status "pending", and a saved view.
Prints p50/p95 (ms) and the number of SQL statements of each. `--profile N` adds a
cProfile of N renders of the default queue (cumulative time, top functions).

Before/after in one run: point PYTHONPATH at each checkout's src in turn with the same
`--keep` (the database is migrated to whichever checkout runs).
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import cli, kept  # noqa: E402
from timing import timed  # noqa: E402

AGENT = "tier1@charterdesk.example"
VACUUM = "from django.db import connection\nconnection.cursor().execute('VACUUM ANALYZE')"


def seed(env: dict[str, str], size: int) -> None:
    count = "from charterdesk.tickets.models import Ticket; print(Ticket.objects.count())"
    missing = size - int(cli(env, "shell", "-c", count).splitlines()[-1])
    if missing > 0:
        cli(env, "seed", "--tickets", str(missing))
        if env.get("DATABASE_URL"):
            cli(env, "shell", "-c", VACUUM)


def urls() -> dict[str, str]:
    from charterdesk.routing.models import Queue
    from charterdesk.workspace.models import SavedView

    queue = Queue.objects.get(name="Frontline").pk
    view = SavedView.objects.filter(shared=True).order_by("pk").values_list("pk", flat=True)[0]
    return {
        "queue page": "/desk/",
        "by queue": f"/desk/?queue={queue}",
        "tag vip": "/desk/?tag=vip",
        "pending": "/desk/?status=pending",
        "next page": "",  # filled in from the first page's link
        "saved view": f"/desk/views/{view}",
    }


def statements(client, url: str) -> int:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def profile(client, runs: int, path: str) -> str:  # type: ignore[no-untyped-def]
    """Cumulative and own time of the top functions; the whole profile saved to `path`."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        client.get("/desk/")
    profiler.disable()
    if path:
        profiler.dump_stats(path)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(25)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--keep", default="q100k", help="the kept database's name")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--profile", type=int, default=0, help="renders to profile")
    parser.add_argument("--profile-out", default="", help="save the profile to this file")
    args = parser.parse_args()
    with kept(args.db, args.keep) as env:
        seed(env, args.size)
        os.environ.update(env)
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client

        from charterdesk.accounts.models import User
        from charterdesk.tickets.models import Ticket

        settings.ALLOWED_HOSTS = ["*"]
        call_command("collectstatic", interactive=False, verbosity=0)  # pages link to them
        client = Client()
        client.force_login(User.objects.get(email=AGENT))
        pages = urls()
        first = client.get("/desk/", follow=True).content.decode()
        marker = 'href="?after='
        start = first.find(marker)
        if start >= 0:
            pages["next page"] = "/desk/" + first[start + 6 : first.find('"', start + 6)].replace(
                "&amp;", "&"
            )
        print(f"{args.db}, {Ticket.objects.count():,} tickets, {args.runs} runs each (ms)")
        for name, url in pages.items():
            if not url:
                continue

            def get(url: str = url) -> None:
                response = client.get(url, follow=True)
                assert response.status_code == 200, (url, response.status_code)

            p50, p95 = timed(get, args.runs)
            print(f"{name:12} p50 {p50:7.1f}  p95 {p95:7.1f}  {statements(client, url)} statements")
        if args.profile:
            print(profile(client, args.profile, args.profile_out))


if __name__ == "__main__":
    main()
