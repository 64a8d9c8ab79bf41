"""The agent's ticket page in-process (issue #13): p50/p95 of N renders with Django's test
client, the statements per render, and optionally a cProfile of the renders.

    PYTHONPATH=src python bench/ticket_page.py --runs 200
    PYTHONPATH=src python bench/ticket_page.py --runs 100 --profile 40

Uses a kept SQLite database with the demo data (bench/.kept/ticketpage, made on the first
run), signed in as the tier-1 agent, on the open demo ticket with the most messages, with
DEBUG off as in production. For a before/after in one run, point PYTHONPATH at each
checkout's src in turn (the database is the same; the page adds no migration).
The fragment the page loads after it (`/desk/tickets/N/articles/suggested`) is timed on its own
when the checkout has it: the agent waits for it too, so "page + at load" is the honest sum.
The collapsed forms the page draws only when the agent opens one (`/desk/tickets/N/forms/…`,
issue #13) are listed and timed each, with their statements: not fetched at load.
CPU is the process's CPU time per render (the machine is shared: wall time is noisy, CPU
less so); Python calls per render come from cProfile over `--calls` renders.
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import kept  # noqa: E402
from timing import timed  # noqa: E402


def _statements(connection, request) -> int:  # type: ignore[no-untyped-def]
    """The SQL statements of one request (counted on the way to the database: the test
    client closes the connection after each request, which a query log would not survive)."""
    count = 0

    def counted(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        request()
    return count


def _calls(request, renders: int) -> int:  # type: ignore[no-untyped-def]
    """Python function calls per render (cProfile's count)."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(renders):
        request()
    profiler.disable()
    return int(pstats.Stats(profiler).total_calls / renders)  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest calls")
    parser.add_argument("--profile-out", default="", help="also save the profile to this file")
    parser.add_argument("--keep", default="ticketpage")
    parser.add_argument("--calls", type=int, default=10, help="renders to count calls over")
    args = parser.parse_args()
    with kept("sqlite", args.keep) as env:
        os.environ.update(env)
        import django

        django.setup()
        from django.conf import settings
        from django.db import connection
        from django.db.models import Count
        from django.test import Client
        from django.urls import NoReverseMatch, reverse

        from charterdesk.accounts.models import User
        from charterdesk.tickets.models import Ticket

        settings.ALLOWED_HOSTS = ["*"]
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)  # pages link to them
        client = Client()
        client.force_login(User.objects.get(email="tier1@charterdesk.example"))
        ticket = (
            Ticket.objects.exclude(status__in=["solved", "closed"])
            .annotate(n=Count("messages"))
            .order_by("-n", "pk")
            .first()
        )
        assert ticket is not None
        url = f"/desk/tickets/{ticket.pk}/"
        assert client.get(url).status_code == 200
        statements = _statements(connection, lambda: client.get(url))
        cpu = time.process_time()
        p50, p95 = timed(lambda: client.get(url), args.runs)
        cpu_ms = (time.process_time() - cpu) * 1000 / (args.runs + 1)
        print(
            f"ticket #{ticket.pk} ({ticket.n} messages), {args.runs} renders: "
            f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, CPU {cpu_ms:.1f} ms/render, "
            f"{statements} statements, {_calls(lambda: client.get(url), args.calls):,} "
            "Python calls/render"
        )
        try:
            fragment = reverse("knowledge:ticket_suggested", args=[ticket.pk])
        except NoReverseMatch:
            fragment = ""
        if fragment:
            statements = _statements(
                connection, lambda: client.get(fragment, headers={"HX-Request": "true"})
            )
            f50, f95 = timed(
                lambda: client.get(fragment, headers={"HX-Request": "true"}), args.runs
            )
            print(
                f"  at load, its fragment {fragment}: p50 {f50:.1f} ms, p95 {f95:.1f} ms, "
                f"{statements} statements"
            )
        html = client.get(url).content.decode()
        hx = {"HX-Request": "true"}
        for form in re.findall(r'hx-get="(/desk/tickets/\d+/forms/[^"]+)"', html):

            def opened(f: str = form) -> object:
                return client.get(f, headers=hx)

            n = _statements(connection, opened)
            g50, g95 = timed(opened, max(args.runs // 4, 5))
            print(f"  on opening, {form}: p50 {g50:.1f} ms, p95 {g95:.1f} ms, {n} statements")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.runs):
                client.get(url)
            profiler.disable()
            if args.profile_out:
                profiler.dump_stats(args.profile_out)
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats(args.profile)
            stats.sort_stats("tottime").print_stats(args.profile)
            print(out.getvalue())


if __name__ == "__main__":
    main()
