"""The ticket search statement of a git revision (default: main) against this checkout's,
on a kept database of search_tickets.py (`--keep NAME`), alternating in one run.

    python bench/search_statements.py --db sqlite NAME [--before main] [--runs 21]
    python bench/search_statements.py --db sqlite NAME --pragma "mmap_size=1073741824"
    python bench/search_statements.py --db postgres NAME

For the agent and the customer of the busiest seeded organization, the 1% word and the
rare word, a first page of 20 by best match: the statement's wall time and CPU time
(SQLite runs in this process: its CPU; PostgreSQL: the server process serving us, from
/proc, in clock ticks of 10 ms, so read its `EXPLAIN ANALYZE` execution time instead),
medians of RUNS, the variants taking turns; whether every variant gives the same page
(ids, scores and, on SQLite, titles and snippets); the query plans of this checkout's
statements. `--pragma` (SQLite, repeatable; `--db sqlite` only) adds a variant: this
checkout's statement on a second connection with those PRAGMAs, to measure a connection
setting (mmap_size, cache_size) on the same statement.
"""

import argparse
import importlib.util
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_tickets import (  # noqa: E402
    COMMON,
    RARE,
    backend_pid,
    customer_of_busiest_organization,
    server_cpu,
)
from server import ROOT, environment  # noqa: E402

Run = Callable[[str, list[Any]], tuple[list[tuple[Any, ...]], float, float, float]]


def backend_at(revision: str, vendor: str) -> ModuleType:
    """The backend module as it is at `revision`, imported beside the current one."""
    path = f"src/charterdesk/search/backends/{vendor}.py"
    source = subprocess.run(
        ["git", "show", f"{revision}:{path}"],  # noqa: S607
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    handle = tempfile.NamedTemporaryFile("w", suffix=".py", delete=False)  # noqa: SIM115
    handle.write(source)
    handle.close()
    name = f"charterdesk.search.backends._{vendor}_before"
    spec = importlib.util.spec_from_file_location(name, handle.name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def statement(backend: ModuleType, user: Any, q: str, top: int | None) -> tuple[str, list[Any]]:
    from charterdesk.search import engine
    from charterdesk.search.backends.base import Request
    from charterdesk.search.index import TICKETS
    from charterdesk.search.ticket_filters import allowed_tickets

    query = engine.parsed(q)
    allowed = engine.allowed_sql(allowed_tickets(user, query))
    request = Request(user.is_agent, None, allowed, "relevance", 21, None)
    if top is None:
        return backend._statement(TICKETS, query, request)  # type: ignore[no-any-return] # noqa: SLF001
    return backend._statement(TICKETS, query, request, top=top)  # type: ignore[no-any-return] # noqa: SLF001


def django_runner() -> Run:
    """Executes on Django's connection: rows, wall ms, CPU ms, in-database ms."""
    from django.db import connection

    pid = backend_pid()

    def run(sql: str, params: list[Any]) -> tuple[list[tuple[Any, ...]], float, float, float]:
        with connection.cursor() as cursor:
            start, used, served = time.perf_counter(), time.process_time(), server_cpu(pid)
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            wall = (time.perf_counter() - start) * 1000
            cpu = (time.process_time() - used + server_cpu(pid) - served) * 1000
            inside = wall
            if connection.vendor == "postgresql":
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
                inside = float(cursor.fetchone()[0][0]["Execution Time"])
        return rows, wall, cpu, inside

    return run


def pragma_runner(pragmas: str) -> Run:
    """A second SQLite connection to the same file, with the app's PRAGMAs and these."""
    from django.db import connection

    other = sqlite3.connect(connection.settings_dict["NAME"])
    other.executescript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        + "".join(f" PRAGMA {p};" for p in pragmas.split(";") if p.strip())
    )

    def run(sql: str, params: list[Any]) -> tuple[list[tuple[Any, ...]], float, float, float]:
        start, used = time.perf_counter(), time.process_time()
        rows = other.execute(sql.replace("%s", "?"), params).fetchall()
        wall = (time.perf_counter() - start) * 1000
        return rows, wall, (time.process_time() - used) * 1000, wall

    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--before", default="main", help="git revision of the 'before'")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--pragma", action="append", default=[], help="SQLite: a variant")
    args = parser.parse_args()
    data = ROOT / "bench" / ".kept" / args.name
    pg_name = f"bench_{args.name}" if args.db == "postgres" else None
    os.environ.update(environment(args.db, data, pg_name=pg_name))
    import django

    django.setup()
    from django.db import connection

    from charterdesk.accounts.models import User
    from charterdesk.search.backends import postgresql, sqlite

    vendor = "postgresql" if args.db == "postgres" else "sqlite"
    after = postgresql if args.db == "postgres" else sqlite
    before = backend_at(args.before, vendor)
    runners: dict[str, tuple[ModuleType, Run]] = {
        "before": (before, django_runner()),
        "after": (after, django_runner()),
    }
    for pragmas in args.pragma:
        runners[f"after, {pragmas}"] = (after, pragma_runner(pragmas))
    agent = User.objects.get(email="tier1@charterdesk.example")
    customer = customer_of_busiest_organization()
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(ticket_id), count(*) FROM search_ticket")
        top, count = cursor.fetchone()
    top = top if args.db == "postgres" else None
    print(f"{count:,} tickets in the index ({args.db}); load average {os.getloadavg()}")
    print(f"before = {args.before}; wall / CPU / in the database, ms, medians of {args.runs}\n")
    print(f"| search | hits | {' | '.join(runners)} | same page |")
    print(f"|---|---|{'---|' * len(runners)}---|")
    plans = []
    for who, user in (("agent", agent), ("customer", customer)):
        for word in (COMMON, RARE):
            statements = {
                name: statement(backend, user, word, top) for name, (backend, _) in runners.items()
            }
            pages = {name: runners[name][1](*statements[name])[0] for name in runners}  # warm-up
            samples: dict[str, list[tuple[float, float, float]]] = {n: [] for n in runners}
            for _ in range(args.runs):
                for name, (_, run) in runners.items():
                    samples[name].append(run(*statements[name])[1:])
            cells = []
            for name in runners:
                wall, cpu, inside = (
                    statistics.median(s[i] for s in samples[name]) for i in range(3)
                )
                cells.append(f"{wall:.2f} / {cpu:.2f} / {inside:.2f}")
            first = next(iter(pages.values()))
            same = all(_same(first, page, texts=args.db == "sqlite") for page in pages.values())
            print(f"| {who} {word} | {len(first)} | {' | '.join(cells)} | {same} |", flush=True)
            sql, params = statements["after"]
            explain = "EXPLAIN QUERY PLAN " if args.db == "sqlite" else "EXPLAIN ANALYZE "
            with connection.cursor() as cursor:
                cursor.execute(explain + sql, params)
                lines = "\n".join("    " + " ".join(str(c) for c in r) for r in cursor.fetchall())
            plans.append(f"{who}, {word}:\n{lines}")
    print(f"\nload average {os.getloadavg()}\n\nPlans (after):\n\n" + "\n".join(plans))


def _same(one: list[tuple[Any, ...]], other: list[tuple[Any, ...]], *, texts: bool) -> bool:
    """The same page: ids and scores (to 6 significant digits) and, with `texts`, the
    titles and snippets (PostgreSQL's statement now returns the plain text, marked in
    Python afterwards, so only ids and scores compare with the ts_headline version)."""

    def norm(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        return [
            (r[0], r[1], float(f"{float(r[2]):.6g}"), *((r[3], r[4]) if texts else ()))
            for r in rows
        ]

    return norm(one) == norm(other)


if __name__ == "__main__":
    main()
