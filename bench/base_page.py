"""The fixed cost every desk page pays, in-process: CPU per request, statements, a profile.

    python bench/base_page.py --keep basepage --runs 200
    python bench/base_page.py --keep basepage --profile 300 --page empty

Renders, as a tier-1 agent's browser asks for them through Django's test client with
DEBUG off, the queue's first page, then pages whose own work is small: the queue with an
empty result (a tag no ticket has), the account page, and `/healthz` (no session, no
template) as the floor. Prints
wall p50/p95 and CPU ms per request (this process's CPU time over the runs) and the SQL
statements of each. `--gc` also counts the garbage collector's collections per
generation over the runs and the time they took. `--profile N` prints a cProfile of N
requests of `--page`.

Before/after in one run: point PYTHONPATH at each checkout's src in turn with the same
`--keep`.
"""

import argparse
import cProfile
import gc
import io
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import kept  # noqa: E402

AGENT = "tier1@charterdesk.example"
PAGES = {
    "queue": "/desk/",
    "empty": "/desk/?tag=no-such-tag",
    "account": "/account/",
    "healthz": "/healthz",
}


class GcClock:
    """Collections per generation, and their total time, while installed."""

    def __init__(self) -> None:
        self.counts = [0, 0, 0]
        self.seconds = [0.0, 0.0, 0.0]
        self._start = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            generation = info["generation"]
            self.counts[generation] += 1
            self.seconds[generation] += time.perf_counter() - self._start


def measure(client, url: str, runs: int) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """Wall p50 and p95 (ms) and CPU ms per request."""
    client.get(url)
    samples = []
    cpu = time.process_time()
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    cpu = (time.process_time() - cpu) * 1000 / runs
    samples.sort()
    return samples[len(samples) // 2], samples[int(len(samples) * 0.95) - 1], cpu


def statements(client, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return [q["sql"] for q in captured.captured_queries]


def profile(client, url: str, runs: int) -> str:  # type: ignore[no-untyped-def]
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        client.get(url)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(70)
    stats.sort_stats("tottime").print_stats(30)
    return out.getvalue()


def report(client, name: str, url: str, args: argparse.Namespace) -> None:  # type: ignore[no-untyped-def]
    """One line for one page; its statements under it with `--sql`."""
    clock = GcClock()
    if args.gc:
        gc.callbacks.append(clock)
    p50, p95, cpu = measure(client, url, args.runs)
    if args.gc:
        gc.callbacks.remove(clock)
    sql = statements(client, url)
    line = f"{name:8} p50 {p50:6.2f}  p95 {p95:6.2f}  CPU {cpu:6.2f} ms  {len(sql)} statements"
    if args.gc:
        line += "  gc " + " ".join(
            f"gen{g} {clock.counts[g]}x {clock.seconds[g] * 1000:.0f}ms" for g in range(3)
        )
    print(line)
    if args.sql:
        for statement in sql:
            print("    ", statement[:160])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--keep", default="basepage", help="the kept database's name")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--gc", action="store_true", help="count garbage collections")
    parser.add_argument("--freeze", action="store_true", help="gc.freeze() once warmed up")
    parser.add_argument("--young", type=int, default=0, help="the young generation's threshold")
    parser.add_argument("--sql", action="store_true", help="print each page's statements")
    parser.add_argument("--profile", type=int, default=0, help="requests to profile")
    parser.add_argument("--page", choices=sorted(PAGES), default="empty")
    args = parser.parse_args()
    with kept(args.db, args.keep) as env:
        os.environ.update(env)
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client

        from charterdesk.accounts.models import User

        settings.ALLOWED_HOSTS = ["*"]
        call_command("collectstatic", interactive=False, verbosity=0)  # pages link to them
        client = Client()
        client.force_login(User.objects.get(email=AGENT))
        for url in PAGES.values():
            client.get(url)  # warm: what the first request of a process loads
        if args.freeze:
            gc.collect()
            gc.freeze()
        if args.young:
            gc.set_threshold(args.young, *gc.get_threshold()[1:])
        print(
            f"{args.db}, {args.runs} requests each; load {os.getloadavg()[0]:.2f}; "
            f"gc threshold {gc.get_threshold()}, frozen {gc.get_freeze_count()}"
        )
        for name, url in PAGES.items():
            report(client, name, url, args)
        if args.profile:
            print(profile(client, PAGES[args.page], args.profile))


if __name__ == "__main__":
    main()
