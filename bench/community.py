"""Community forum pages at volume: 100,000 topics and over 1,000,000 replies seeded set-based.

    python bench/community.py --db sqlite
    python bench/community.py --db postgres

Measures the topic list (latest, unanswered, top, a deep page) and topic pages (a
10-post topic, a 2,000-post topic first and deep page) as a Gold customer, through the
full view, p50/p95 wall time and mean CPU time of this process over RUNS requests; first
the same pages on the demo data (a dozen topics) as the baseline of the same run. At
volume it measures twice: "before" as of migration 0006 (without 0007's list indexes for
SQLite; deep pages by offset, `?page=100`), then "after" (0007's indexes; deep pages by
cursor, `?after=…`, keyset paging), so the ratio after/before isolates the change from
the machine's load. Prints the query plan of each list before and after, each page's
queries and the load average. On PostgreSQL the bulk load and each index change are
followed by ANALYZE.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import prepared  # noqa: E402
from timing import timed  # noqa: E402

RUNS = 60
TOPICS = 100_000
POSTS_PER_TOPIC = 13  # 6 in 7 topics get 12 replies: about 1,030,000 in all
BIG_TOPIC_POSTS = 2_000


def _numbers(n: int) -> str:
    """A set of the integers 1..n as SQL for either database."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return f"SELECT generate_series(1, {n}) AS n"
    return (
        f"WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {n}) "
        "SELECT n FROM s"
    )


def seed(author_id: int, category_ids: list[int]) -> None:
    """Topics and posts in a few INSERT ... SELECT statements (no Python loop per row)."""
    from django.db import connection, transaction

    cats = len(category_ids)
    case = " ".join(f"WHEN {i} THEN {c}" for i, c in enumerate(category_ids))
    now = "CURRENT_TIMESTAMP"
    minus = (
        "{now} - (n * INTERVAL '1 minute')"
        if connection.vendor == "postgresql"
        else "datetime({now}, '-' || n || ' minutes')"
    ).format(now=now)
    true, false = ("TRUE", "FALSE") if connection.vendor == "postgresql" else ("1", "0")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO community_topic (category_id, kind, title, author_id, created_at, "
            "last_posted_at, reply_count, first_reply_at, pinned, locked, review) "
            f"SELECT CASE n % {cats} {case} END, "
            "CASE WHEN n % 3 = 0 THEN 'discussion' ELSE 'question' END, "
            f"'Seeded topic ' || n, {author_id}, {minus}, {minus}, "
            f"CASE WHEN n % 7 = 0 THEN 0 ELSE {POSTS_PER_TOPIC - 1} END, "
            f"CASE WHEN n % 7 = 0 THEN NULL ELSE {minus} END, {false}, {false}, 'visible' "
            f"FROM ({_numbers(TOPICS)}) AS numbers"
        )
        cursor.execute(
            "INSERT INTO community_post (topic_id, number, author_id, body, created_at, "
            "by_staff, score, flag_count, review) "
            f"SELECT t.id, p.n, {author_id}, 'Seeded post ' || p.n || ' of topic ' || t.id, "
            f"t.created_at, {false}, p.n % 5, 0, 'visible' "
            f"FROM community_topic t CROSS JOIN ({_numbers(POSTS_PER_TOPIC)}) AS p "
            "WHERE t.title LIKE 'Seeded topic %' AND (p.n = 1 OR t.reply_count > 0)"
        )
        cursor.execute("SELECT MAX(id) FROM community_topic")
        big = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO community_post (topic_id, number, author_id, body, created_at, "
            "by_staff, score, flag_count, review) "
            f"SELECT {big}, n + {POSTS_PER_TOPIC}, {author_id}, 'Long thread post ' || n, "
            f"{now}, {true}, 0, 0, 'visible' FROM ({_numbers(BIG_TOPIC_POSTS)}) AS numbers"
        )
        cursor.execute(
            f"UPDATE community_topic SET reply_count = {BIG_TOPIC_POSTS + POSTS_PER_TOPIC - 1} "
            f"WHERE id = {big}"
        )


def pages(small: int, big: int, cursor: str = "") -> list[tuple[str, str, str]]:
    """(name, URL before, URL after): the deep pages by offset before, by cursor after."""
    deep = f"/community/?after={cursor}" if cursor else "/community/?page=100"
    return [
        ("topic list, latest", "/community/", "/community/"),
        ("topic list, unanswered", "/community/?order=unanswered", "/community/?order=unanswered"),
        ("topic list, top", "/community/?order=top", "/community/?order=top"),
        ("topic list, page 100", "/community/?page=100", deep),
        (
            f"topic page, {POSTS_PER_TOPIC} posts",
            f"/community/t/{small}/",
            f"/community/t/{small}/",
        ),
        (
            f"topic page, {BIG_TOPIC_POSTS + POSTS_PER_TOPIC:,} posts, first",
            f"/community/t/{big}/",
            f"/community/t/{big}/",
        ),
        (
            f"topic page, {BIG_TOPIC_POSTS + POSTS_PER_TOPIC:,} posts, page 100",
            f"/community/t/{big}/?page=100",
            f"/community/t/{big}/?after=1980",
        ),
    ]


def queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    from django.db import connection

    count = 0

    def counter(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        client.get(url)
    return count


def measure_all(client, rows: list[tuple[str, str]]) -> dict[str, tuple[float, float, float]]:  # type: ignore[no-untyped-def]
    """name -> (p50 ms, p95 ms, mean CPU ms of this process per request)."""

    def get(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    out = {}
    for name, url in rows:
        cpu = time.process_time()
        p50, p95 = timed(lambda url=url: get(url), RUNS)
        out[name] = (p50, p95, (time.process_time() - cpu) * 1000 / (RUNS + 1))
    return out


# The lists' indexes for SQLite (migration 0007): "before" runs without them.
NEW_INDEXES = [
    "topic_open_latest",
    "topic_open_top",
    "topic_open_unanswered",
    "topic_open_category_latest",
]


def use_indexes(after: bool) -> None:
    """The topic list indexes of migration 0007 (after) or of 0006 (before)."""
    from django.db import connection

    from charterdesk.community.models import Topic

    new = [i for i in Topic._meta.indexes if i.name in NEW_INDEXES]
    with connection.schema_editor() as editor:
        for index in new:
            (editor.add_index if after else editor.remove_index)(Topic, index)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "SELECT 1")


def plans(reader) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The database's plan of each list's first page, in one line."""
    from django.db import connection

    from charterdesk.community.selectors import Listing, topic_list

    out = {}
    for order in Listing.ALL:
        query = topic_list(reader, order=order)[:31]
        sql, params = query.query.sql_with_params()
        prefix = "EXPLAIN" if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN"
        with connection.cursor() as cursor:
            cursor.execute(f"{prefix} {sql}", params)
            rows = [str(row[-1]) for row in cursor.fetchall()]
        out[order] = " / ".join(r.strip() for r in rows)[:400]
    return out


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    with prepared(args.db) as env:
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
        call_command("collectstatic", interactive=False, verbosity=0)  # pages link to them
        client = Client()
        alice = User.objects.get(email="alice@acme.example")
        client.force_login(alice)
        demo_small = Topic.objects.filter(category__access=Access.EVERYONE).first()
        assert demo_small is not None
        baseline = measure_all(
            client, [(name, url) for name, url, _ in pages(demo_small.pk, demo_small.pk)]
        )
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
        seeded = time.perf_counter() - start
        from charterdesk.community.models import Post

        big = Topic.objects.order_by("-pk").first()
        small = Topic.objects.filter(title="Seeded topic 1").get()
        assert big is not None
        counts = (Topic.objects.count(), Post.objects.count())
        from charterdesk.community.selectors import topic_cursor, topic_list

        deep = topic_list(alice, order="latest")[2969]
        rows = pages(small.pk, big.pk, topic_cursor(deep, "latest"))
        load_before = load()
        use_indexes(after=False)
        before = measure_all(client, [(name, old) for name, old, _ in rows])
        plans_before = plans(alice)
        use_indexes(after=True)
        after = measure_all(client, [(name, new) for name, _, new in rows])
        plans_after = plans(alice)
        print(f"## Community forum pages at volume ({args.db}), load {load_before} -> {load()}")
        print(
            f"\nSeeded {counts[0]:,} topics and {counts[1]:,} posts "
            f"({counts[1] - counts[0]:,} replies) in {seeded:.1f} s.\n"
        )
        print(
            "| page | demo p95 | before p50 / p95 (cpu) | after p50 / p95 (cpu) "
            "| after / before p95 | queries |"
        )
        print("|---|---|---|---|---|---|")
        for name, _, url in rows:
            b, a = before[name], after[name]
            print(
                f"| {name} | {baseline[name][1]:.1f} | {b[0]:.1f} / {b[1]:.1f} ({b[2]:.1f}) "
                f"| {a[0]:.1f} / {a[1]:.1f} ({a[2]:.1f}) | {a[1] / b[1]:.2f}× "
                f"| {queries(client, url)} |"
            )
        print("\nPlans (first page of each list, before -> after):\n")
        for order in plans_before:
            print(f"- {order}: `{plans_before[order]}` -> `{plans_after[order]}`")


if __name__ == "__main__":
    main()
