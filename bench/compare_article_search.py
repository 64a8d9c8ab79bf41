"""Help-center search and suggestions of several checkouts on one seeded database.

    python bench/search_articles.py --db sqlite --size 100000 --keep /tmp/kb100k
    python bench/compare_article_search.py /tmp/kb100k /work/baseline /work/main --rounds 2

Each checkout, in turn and ROUNDS times, runs its own code (a fresh process with its
`src` first on the path) against the same data folder, through the same harness:
`article_search(reader, q)` (what the help center and the API's article search run) for a
word in ~1% of the articles, a word in 5 and three common words, as the agent tier1 and
the customer alice; `suggest(alice, question)` and `GET /api/v1/suggestions` for the 20
BANKING77 questions of search_articles.py. Alternating the checkouts keeps the load of a
shared machine out of their ratios. The database must be migrated as far as every checkout
expects (seed it with the oldest). `CHECKOUT@DATA` gives one checkout its own copy of the
data folder (a copy migrated with that checkout's migrations: new indexes).
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

RUNS = 20


def measure(checkout: Path, data: Path, runs: int) -> None:
    sys.path.insert(0, str(checkout / "bench"))
    sys.path.insert(0, str(checkout / "src"))
    from server import environment

    os.environ.update(environment("sqlite", data))
    import django

    django.setup()
    from django.test import Client
    from search_articles import PRODUCTS, QUESTIONS
    from timing import timed

    from charterdesk.accounts.models import ApiToken, Scope, User
    from charterdesk.knowledge.selectors import article_search
    from charterdesk.knowledge.suggestions import suggest

    agent = User.objects.get(email="tier1@charterdesk.example")
    alice = User.objects.get(email="alice@acme.example")
    _, token = ApiToken.issue(alice, scopes=[Scope.READ])
    client = Client(headers={"Authorization": f"Bearer {token}"})
    name = checkout.name
    start = time.perf_counter()
    suggest(alice, QUESTIONS[0])
    print(f"| {name} | first suggestion | {(time.perf_counter() - start) * 1000:.0f} | |")
    for word in (PRODUCTS[0], "quillfeather", "card payment declined"):
        for who, reader in (("agent", agent), ("customer", alice)):
            p50, p95 = timed(lambda w=word, r=reader: article_search(r, w), runs)
            print(f"| {name} | article_search '{word}', {who} | {p50:.1f} | {p95:.1f} |")
    questions = iter(QUESTIONS * (runs + 1))
    p50, p95 = timed(lambda: suggest(alice, next(questions)), runs)
    print(f"| {name} | suggest(), customer | {p50:.1f} | {p95:.1f} |")
    questions = iter(QUESTIONS * (runs + 1))
    p50, p95 = timed(lambda: client.get("/api/v1/suggestions", {"q": next(questions)}), runs)
    print(f"| {name} | GET /api/v1/suggestions, customer | {p50:.1f} | {p95:.1f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("checkouts", type=Path, nargs="+")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        measure(args.checkouts[0], args.data, args.runs)
        return
    print("| checkout | what | p50 ms | p95 ms |\n|---|---|---|---|", flush=True)
    for _ in range(args.rounds):
        for given in args.checkouts:
            checkout, _, own = str(given).partition("@")
            data = own or str(args.data)
            command = [sys.executable, __file__, data, str(Path(checkout).resolve())]
            subprocess.run([*command, "--runs", str(args.runs), "--one"], check=True)


if __name__ == "__main__":
    main()
