"""Article search and suggestions over 100,000 published articles.

    python bench/search_articles.py --db sqlite --size 100000
    python bench/search_articles.py --db postgres --size 100000

Seeds a fresh database (with the demo data) with SIZE published articles in bulk SQL, then
indexes them the way `charterdesk search rebuild --kind article` does (full text and
semantic vectors). The text: each article is one of the 77 help-centre articles of
bench/data/banking77 with two more sentences from the others, the name of one of 100
products (so a product name occurs in about 1% of the articles) and, in 5 articles only,
the code name "quillfeather". 80% public, 15% for signed-in customers, 5% internal.

Measured, RUNS times each after one warm-up, p50 and p95 in ms:
- article search (`documents.search("article", q, allowed=<the reader's articles>)`, the
  help center's and the API's search) for a word in ~1% of the articles, a word in 5,
  and three ordinary words, as an agent and as the customer alice;
- suggestions for 20 real customer questions (BANKING77), as alice: `suggest()` (what
  `GET /api/v1/suggestions` runs) and the API itself, with semantic similarity on and off.
The first suggestion after start-up (the model and the vector matrix loaded) is printed
apart.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import prepared  # noqa: E402
from timing import timed  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "banking77"
RUNS = 40
BATCH = 5000
QUESTIONS = [
    "My card has not arrived yet.",
    "How do I link a new card?",
    "What exchange rates do you offer?",
    "I lost my card",
    "How old do I have to be?",
    "My contactless has stopped working",
    "Can I cancel my transaction?",
    "What is the top up limit",
    "Why was I charged an extra fee when paying with my card?",
    "I forgot my password",
    "My phone was stolen",
    "Can I have a refund?",
    "Why was my transfer declined",
    "Please delete my account.",
    "The ATM ate my card.",
    "I was double charged",
    "How do I change my PIN?",
    "I need to verify my identity",
    "What countries do you support?",
    "I would like a temporary virtual card",
]
PRODUCTS = [
    a + b
    for a in ("bra", "cel", "dor", "fen", "gal", "hol", "jun", "kes", "lum", "mar")
    for b in ("vik", "tos", "near", "wick", "dale", "mont", "ley", "ford", "rin", "sen")
]


def texts(size: int) -> list[tuple[str, str, str]]:
    """(title, body, visibility) of each article."""
    rng = random.Random(77)
    articles = json.loads((DATA / "articles.json").read_text())
    sentences = [s.strip() + "." for a in articles for s in a["body"].split(". ") if s.strip()]
    rare = set(rng.sample(range(size), 5))
    out = []
    for i in range(size):
        base = articles[i % len(articles)]
        product = PRODUCTS[rng.randrange(len(PRODUCTS))]
        extra = " ".join(rng.sample(sentences, 2))
        body = f"{base['body']} {extra} This applies to {product.capitalize()} accounts."
        if i in rare:
            body += " Quillfeather customers have their own limits."
        roll = rng.random()
        visibility = "public" if roll < 0.8 else "customers" if roll < 0.95 else "internal"
        out.append((f"{base['title']} ({product.capitalize()})", body, visibility))
    return out


def seed(size: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from charterdesk.accounts.models import User
    from charterdesk.knowledge.models import Article, ArticleState, ArticleVersion
    from charterdesk.search import documents

    manager = User.objects.get(email="manager@charterdesk.example")
    now = timezone.now()
    rows = texts(size)
    start = time.perf_counter()
    with transaction.atomic():
        for at in range(0, size, BATCH):
            chunk = rows[at : at + BATCH]
            made = Article.objects.bulk_create(
                Article(
                    slug=f"bench-{at + i}",
                    visibility=v,
                    state=ArticleState.PUBLISHED,
                    owner=manager,
                    published_at=now,
                )
                for i, (_, _, v) in enumerate(chunk)
            )
            ArticleVersion.objects.bulk_create(
                ArticleVersion(
                    article=a, number=1, title=t, body=b, html=f"<p>{b}</p>", author=manager
                )
                for a, (t, b, _) in zip(made, chunk, strict=True)
            )
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE knowledge_article SET live_version_id = (SELECT v.id FROM"
                " knowledge_articleversion v WHERE v.article_id = knowledge_article.id),"
                " latest_version_id = (SELECT v.id FROM knowledge_articleversion v"
                " WHERE v.article_id = knowledge_article.id) WHERE live_version_id IS NULL"
            )
    print(f"seeded {size} articles in {time.perf_counter() - start:.0f} s", flush=True)
    start = time.perf_counter()
    with transaction.atomic():
        indexed = documents.rebuild("article")
    print(
        f"indexed {indexed} articles (full text + vectors) in {time.perf_counter() - start:.0f} s",
        flush=True,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def measure() -> list[tuple[str, float, float]]:
    from django.test import Client, override_settings

    from charterdesk.accounts.models import ApiToken, Scope, User
    from charterdesk.knowledge.selectors import articles_visible_to
    from charterdesk.knowledge.suggestions import suggest
    from charterdesk.search import documents

    agent = User.objects.get(email="tier1@charterdesk.example")
    alice = User.objects.get(email="alice@acme.example")
    _, token = ApiToken.issue(alice, scopes=[Scope.READ])
    client = Client(headers={"Authorization": f"Bearer {token}"})
    results = []
    start = time.perf_counter()
    suggest(alice, QUESTIONS[0])
    results.append(
        (
            "first suggestion after start (model + vectors loaded)",
            (time.perf_counter() - start) * 1000,
            float("nan"),
        )
    )
    for word, what in (
        (PRODUCTS[0], "a word in ~1%"),
        ("quillfeather", "a word in 5"),
        ("card payment declined", "three common words"),
    ):
        for name, reader in (("agent", agent), ("customer", alice)):
            allowed = articles_visible_to(reader).values("pk")
            p50, p95 = timed(
                lambda w=word, a=allowed: documents.search("article", w, allowed=a), RUNS
            )
            results.append((f"search '{word}' ({what}), {name}", p50, p95))
    for semantic in (True, False):
        with override_settings(SEARCH_SEMANTIC=semantic):
            label = "semantic on" if semantic else "semantic off"
            questions = iter(QUESTIONS * (RUNS + 1))
            p50, p95 = timed(lambda q=questions: suggest(alice, next(q)), RUNS)
            results.append((f"suggest(), customer, {label}", p50, p95))
            questions = iter(QUESTIONS * (RUNS + 1))
            p50, p95 = timed(
                lambda q=questions: client.get("/api/v1/suggestions", {"q": next(q)}), RUNS
            )
            results.append((f"GET /api/v1/suggestions, customer, {label}", p50, p95))
    return results


def keep(data: Path, size: int) -> None:
    """A seeded SQLite data folder that stays, to measure several checkouts against."""
    from server import cli, environment

    data.mkdir(parents=True, exist_ok=True)
    env = environment("sqlite", data)
    cli(env, "migrate", "--noinput", "-v0")
    cli(env, "demo")
    os.environ.update(env)
    import django

    django.setup()
    seed(size)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument(
        "--keep",
        type=Path,
        help="SQLite: seed into this data folder and keep it (for compare_article_search.py)",
    )
    args = parser.parse_args()
    if args.keep is not None:
        keep(args.keep, args.size)
        return
    with prepared(args.db) as env:
        os.environ.update(env)
        import django

        django.setup()
        seed(args.size)
        results = measure()
    print(f"\n{args.db}, {args.size} articles, {RUNS} runs each")
    print("| what | p50 ms | p95 ms |\n|---|---|---|")
    for name, p50, p95 in results:
        print(f"| {name} | {p50:.1f} | {p95:.1f} |")


if __name__ == "__main__":
    main()
