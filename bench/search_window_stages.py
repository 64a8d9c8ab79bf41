"""PostgreSQL: the staged ranking window against one window over every match, on a kept
database of search_tickets.py (`--keep NAME`), alternating in one run.

    python bench/search_window_stages.py NAME [--runs 15]

For the agent and the customer of the busiest seeded organization, the 1% word and the
rare word: the search statement's execution time inside the database (`EXPLAIN ANALYZE`,
median of RUNS, the two variants alternating) and whether both give the same page.
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_tickets import COMMON, RARE, customer_of_busiest_organization  # noqa: E402
from server import ROOT, environment  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    data = ROOT / "bench" / ".kept" / args.name
    os.environ.update(environment("postgres", data, pg_name=f"bench_{args.name}"))
    import django

    django.setup()
    from django.db import connection

    from charterdesk.accounts.models import User
    from charterdesk.search import engine
    from charterdesk.search.backends import postgresql
    from charterdesk.search.backends.base import Request
    from charterdesk.search.index import TICKETS
    from charterdesk.search.ticket_filters import allowed_tickets

    agent = User.objects.get(email="tier1@charterdesk.example")
    customer = customer_of_busiest_organization()
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(ticket_id), count(*) FROM search_ticket")
        top, count = cursor.fetchone()
    print(f"{count:,} tickets in the index; load average {os.getloadavg()}\n")
    print("| search | one window ms | staged ms | same page |\n|---|---|---|---|")
    for who, user in (("agent", agent), ("customer", customer)):
        for word in (COMMON, RARE):
            query = engine.parsed(word)
            allowed = engine.allowed_sql(allowed_tickets(user, query))  # type: ignore[arg-type]
            request = Request(user.is_agent, None, allowed, "relevance", 21, None)  # type: ignore[attr-defined]
            variants = {
                "one": postgresql._statement(TICKETS, query, request, top=None),  # noqa: SLF001
                "staged": postgresql._statement(TICKETS, query, request, top=top),  # noqa: SLF001
            }
            times: dict[str, list[float]] = {"one": [], "staged": []}
            pages = {}
            with connection.cursor() as cursor:
                for name, (sql, params) in variants.items():
                    cursor.execute(sql, params)
                    pages[name] = [row[0] for row in cursor.fetchall()]
                for _ in range(args.runs):
                    for name, (sql, params) in variants.items():
                        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
                        times[name].append(float(cursor.fetchone()[0][0]["Execution Time"]))
            one, staged = (statistics.median(times[n]) for n in ("one", "staged"))
            same = pages["one"] == pages["staged"]
            print(f"| {who} {word} | {one:.2f} | {staged:.2f} | {same} |")
    sql, params = variants["staged"]
    query = engine.parsed(COMMON)
    request = Request(True, None, None, "relevance", 21, None)
    sql, params = postgresql._statement(TICKETS, query, request, top=top)  # noqa: SLF001
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN ANALYZE " + sql, params)
        print("\nagent, the 1% word, staged:\n" + "\n".join(r[0] for r in cursor.fetchall()))


if __name__ == "__main__":
    main()
