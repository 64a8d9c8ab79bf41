"""Suggestions: do they find the right article for a question asked in other words?

    python bench/suggestions_quality.py [--db sqlite|postgres] [--questions CSV]

The FAQ collection is BANKING77 (bench/data/banking77/NOTICE): 77 intents, one help-centre
article per intent (articles.json) and 10 real customer questions per intent
(test_first10.csv), none of them used to write the articles. On a fresh CharterDesk
database (the demo data, its own help center taken out of the index) the 77 articles are
written and published by the demo's support manager through the knowledge base's
services, and every question is asked as the demo customer alice through
`GET /api/v1/suggestions?q=…&limit=10` (Django's test client, a bearer token): first as
shipped (full text fused with semantic similarity), then with SEARCH_SEMANTIC off (full
text only). The BM25 baseline (bm25s over the same title + body of the same articles,
English stop words) ranks the same questions in the same run.

Recall@5: the share of questions whose article is among the first 5 suggestions.
MRR@10: the mean of 1/rank of the right article in the first 10 (0 when absent).
Figures are printed for all questions and for two halves: "dev" (questions 1-5 of each
intent, on which the fusion weight and threshold were chosen) and "test" (questions 6-10,
never looked at while choosing).
"""

import argparse
import csv
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import bm25s
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import prepared  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "banking77"
DEPTH = 10  # suggestions asked for; Recall@5 reads the first 5
Ranker = Callable[[str], list[int]]  # a question -> article indexes, best first


def load(questions_csv: Path) -> tuple[list[dict[str, str]], list[str], list[int], list[str]]:
    articles = json.loads((DATA / "articles.json").read_text())
    intents = [article["intent"] for article in articles]
    with questions_csv.open(newline="") as f:
        rows = list(csv.DictReader(f))
    seen: dict[str, int] = {}
    halves = []
    for row in rows:
        seen[row["category"]] = seen.get(row["category"], 0) + 1
        halves.append("dev" if seen[row["category"]] <= 5 else "test")
    return articles, [r["text"] for r in rows], [intents.index(r["category"]) for r in rows], halves


def leak_check(articles: list[dict[str, str]], questions: list[str], gold: list[int]) -> None:
    """The longest run of consecutive words each question shares with its own article."""

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9']+", text.lower())

    def grams(ws: list[str], n: int) -> set[tuple[str, ...]]:
        return {tuple(ws[i : i + n]) for i in range(len(ws) - n + 1)}

    longest = []
    for question, g in zip(questions, gold, strict=True):
        article = words(articles[g]["title"] + " " + articles[g]["body"])
        asked, n = words(question), 0
        while n < len(asked) and grams(asked, n + 1) & grams(article, n + 1):
            n += 1
        longest.append(n)
    print(
        f"leak check: {sum(n <= 4 for n in longest)} of {len(longest)} questions share at most"
        f" 4 consecutive words with their article; longest shared run {max(longest)} words"
    )


def bm25_baseline(articles: list[dict[str, str]]) -> Ranker:
    corpus = [f"{a['title']} {a['body']}" for a in articles]
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize(corpus, stopwords="en", show_progress=False), show_progress=False
    )

    def rank(question: str) -> list[int]:
        tokens = bm25s.tokenize([question], stopwords="en", show_progress=False)
        if not tokens.vocab:  # nothing but stop words
            return []
        docs, scores = retriever.retrieve(tokens, k=DEPTH, show_progress=False)
        return [int(d) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    return rank


def api_path(articles: list[dict[str, str]]) -> Callable[[bool], Ranker]:
    """Our path: the articles published through the knowledge base's services, each
    question through the suggestions API as a customer; `semantic` switches
    SEARCH_SEMANTIC."""
    from django.db import transaction
    from django.test import Client, override_settings

    from charterdesk.accounts.models import ApiToken, Scope, User
    from charterdesk.knowledge import services
    from charterdesk.knowledge.models import Article, Visibility
    from charterdesk.search import documents

    manager = User.objects.get(email="manager@charterdesk.example")
    with transaction.atomic():
        for pk in Article.objects.values_list("pk", flat=True):  # the demo help center
            documents.remove("article", pk)
        ids = []
        for article in articles:
            created = services.article_create(
                author=manager,
                title=article["title"],
                body=article["body"],
                visibility=Visibility.PUBLIC,
            )
            services.article_publish(created, manager)
            ids.append(created.pk)
        _, token = ApiToken.issue(User.objects.get(email="alice@acme.example"), scopes=[Scope.READ])
    client = Client(headers={"Authorization": f"Bearer {token}"})
    position = {pk: i for i, pk in enumerate(ids)}

    def ranker(semantic: bool) -> Ranker:
        def rank(question: str) -> list[int]:
            with override_settings(SEARCH_SEMANTIC=semantic):
                response = client.get("/api/v1/suggestions", {"q": question, "limit": DEPTH})
            assert response.status_code == 200, response.content
            return [position[item["id"]] for item in response.json()["items"]]

        return rank

    return ranker


def evaluate(
    name: str, rank: Ranker, questions: list[str], gold: list[int], halves: list[str]
) -> dict[str, object]:
    ranks, times = [], []
    for question, g in zip(questions, gold, strict=True):
        start = time.perf_counter()
        found = rank(question)[:DEPTH]
        times.append((time.perf_counter() - start) * 1000)
        ranks.append(found.index(g) + 1 if g in found else 0)
    result: dict[str, object] = {"name": name}
    for part in ("all", "dev", "test"):
        chosen = [r for r, h in zip(ranks, halves, strict=True) if part in ("all", h)]
        result[part] = (
            float(np.mean([0 < r <= 5 for r in chosen])),
            float(np.mean([1 / r if r else 0.0 for r in chosen])),
        )
    times.sort()
    result["p50"], result["p95"] = statistics.median(times), times[int(len(times) * 0.95) - 1]
    return result


def report(results: list[dict[str, object]], count: int) -> None:
    print(
        f"\n{count} questions, 77 articles; Recall@5 / MRR@10 (dev | test | all); ms per question"
    )
    head = ["ranking"] + [f"{p} {m}" for p in ("all", "dev", "test") for m in ("R@5", "MRR")]
    print("| " + " | ".join([*head, "p50 ms", "p95 ms"]) + " |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        cells = []
        for part in ("all", "dev", "test"):
            recall, mrr = r[part]  # type: ignore[misc]
            cells += [f"{recall:.3f}", f"{mrr:.3f}"]
        print(f"| {r['name']} | {' | '.join(cells)} | {r['p50']:.1f} | {r['p95']:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--questions", type=Path, default=DATA / "test_first10.csv")
    args = parser.parse_args()
    articles, questions, gold, halves = load(args.questions)
    leak_check(articles, questions, gold)
    with prepared(args.db) as env:
        os.environ.update(env)
        import django

        django.setup()
        ours = api_path(articles)
        print("path: GET /api/v1/suggestions?q=…&limit=10 as the customer alice@acme.example")
        results = [
            evaluate("ours: full text + semantic", ours(True), questions, gold, halves),
            evaluate("ours: full text only", ours(False), questions, gold, halves),
            evaluate("baseline: bm25s", bm25_baseline(articles), questions, gold, halves),
        ]
    report(results, len(questions))


if __name__ == "__main__":
    main()
