"""Where the community pages spend their time: each page of bench/community.py at volume
(100,000 topics, 1,000,000 posts), profiled in-process with cProfile through the test
client, the top functions by own time and the queries each page makes.

    python bench/community_profile.py --db sqlite --keep community
    python bench/community_profile.py --db postgres --keep community

`--keep NAME` keeps the seeded database for the next run (seeded once).
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import kept  # noqa: E402

from community import pages, seed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--keep", default="community")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only", default="", help="pages whose name has this text")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    with kept(args.db, args.keep) as env:
        os.environ.update(env)
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from charterdesk.accounts.models import User
        from charterdesk.community.models import Access, Category, Topic

        settings.ALLOWED_HOSTS = ["*"]
        call_command("collectstatic", interactive=False, verbosity=0)
        alice = User.objects.get(email="alice@acme.example")
        if not Topic.objects.filter(title="Seeded topic 1").exists():
            open_ = list(
                Category.objects.filter(access__in=[Access.EVERYONE, Access.CUSTOMERS]).values_list(
                    "pk", flat=True
                )
            )
            start = time.perf_counter()
            seed(alice.pk, open_)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
            print(f"seeded in {time.perf_counter() - start:.1f} s")
        client = Client()
        client.force_login(alice)
        big = Topic.objects.order_by("-pk").first()
        small = Topic.objects.filter(title="Seeded topic 1").get()
        assert big is not None
        for name, url in pages(small.pk, big.pk):
            if args.only not in name:
                continue
            client.get(url)
            timings: list[tuple[float, str]] = []

            def timer(execute, sql, params, many, context, timings=timings):  # type: ignore[no-untyped-def]
                start = time.perf_counter()
                try:
                    return execute(sql, params, many, context)
                finally:
                    timings.append(((time.perf_counter() - start) * 1000, sql))

            with connection.execute_wrapper(timer):
                client.get(url)
            profile = cProfile.Profile()
            start = time.perf_counter()
            profile.enable()
            for _ in range(args.runs):
                assert client.get(url).status_code == 200
            profile.disable()
            ms = (time.perf_counter() - start) * 1000 / args.runs
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
            print(f"\n### {name} ({url}): {ms:.1f} ms a request, {len(timings)} queries")
            for took, sql in timings:
                print(f"  {took:7.1f} ms  {sql[:400]}")
            print(out.getvalue()[-6000:])


if __name__ == "__main__":
    main()
