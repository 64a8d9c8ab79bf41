"""Ticket search at growing volume, and what indexing costs ticket creation.

    python bench/search_tickets.py --db sqlite --sizes 10000,100000
    python bench/search_tickets.py --db postgres --sizes 10000,100000

1. Creation: `ticket_create` (intake, in-process, one transaction each) with the ticket
   index on and off, alternating, in one run: ms per ticket.
2. For each size: `charterdesk seed` adds tickets with conversations (bulk SQL, the index's
   triggers off while loading), their subjects and messages are rewritten with realistic
   support text from a pool, one word ("kerberos") is added to 1% of the tickets and
   another ("shibboleth") to five; then the index is refilled (timed) and first-page
   searches for both words are measured as an agent and as a customer of the organization
   with the most tickets (p50/p95 of RUNS runs, `search_tickets`: parse, permissions,
   search, snippets, the tickets of the page).
3. The query plans of the four searches at the largest size.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import prepared  # noqa: E402

RUNS = 40
COMMON, RARE = "kerberos", "shibboleth"
AREAS = [
    "invoice export",
    "single sign-on",
    "webhook delivery",
    "the dashboard",
    "CSV import",
    "the mobile app",
    "password reset",
    "API rate limits",
    "user permissions",
    "the audit log",
    "scheduled reports",
    "two-factor sign-in",
    "the billing page",
    "data retention",
    "search",
]
PROBLEMS = [
    "fails with error 500",
    "is very slow since the update",
    "shows the wrong totals",
    "times out after thirty seconds",
    "stopped working this morning",
    "returns an empty list",
    "logs everyone out",
    "sends duplicate notifications",
    "ignores the time zone",
    "rejects valid addresses",
]
SENTENCES = [
    "Since yesterday {area} {problem}.",
    "Our finance team cannot close the month because {area} {problem}.",
    "We tried clearing the cache and another browser, same result.",
    "This affects about {n} users in the {region} office.",
    "Could you tell us whether this is a known issue and when a fix is expected?",
    "Thanks for the quick answer; the workaround helped for now.",
    "I attached a screenshot of the error and the browser console.",
    "We checked the logs: the request for {area} is retried {n} times and then dropped.",
    "Please escalate, our customers are waiting on this.",
    "The problem started right after we changed the {setting} setting.",
    "Can we schedule a call tomorrow to go through the configuration?",
    "Our engineers suspect the proxy in front of {area}.",
    "It works for administrators but not for regular members.",
    "We rolled back the {setting} change and the issue disappeared.",
    "The export finished but the file has only the header row.",
]
SETTINGS = ["retention", "time zone", "SAML", "proxy", "locale", "notification", "webhook"]
REGIONS = ["Berlin", "Lisbon", "Toronto", "Singapore", "Austin", "Nairobi"]


def realistic(rng: random.Random, sentences: int) -> str:
    parts = []
    for _ in range(sentences):
        parts.append(
            rng.choice(SENTENCES).format(
                area=rng.choice(AREAS),
                problem=rng.choice(PROBLEMS),
                n=rng.randint(2, 400),
                region=rng.choice(REGIONS),
                setting=rng.choice(SETTINGS),
            )
        )
    return " ".join(parts)


def subject(rng: random.Random) -> str:
    return f"{rng.choice(AREAS).capitalize()} {rng.choice(PROBLEMS)}"


def run_sql(sql: str, params: list[object] | None = None) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def rewrite_texts(first: int, rng: random.Random) -> None:
    """Realistic subjects and messages for the tickets from id `first` on (pools of texts,
    assigned by id in one statement each), then the two measured words."""
    from django.db import connection, transaction

    from charterdesk.search import vocabulary

    bodies = [realistic(rng, rng.randint(2, 5)) for _ in range(4000)]
    subjects = [subject(rng) for _ in range(600)]
    with transaction.atomic():
        for name, pool in (("bench_body", bodies), ("bench_subject", subjects)):
            run_sql(f"DROP TABLE IF EXISTS {name}")
            run_sql(f"CREATE TABLE {name} (n integer primary key, text text)")
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {name} (n, text) VALUES (%s, %s)",
                    list(enumerate(pool)),
                )
        run_sql(
            "UPDATE tickets_message SET body = (SELECT text FROM bench_body "
            "WHERE n = tickets_message.id %% 4000) WHERE ticket_id >= %s",
            [first],
        )
        run_sql(
            "UPDATE tickets_ticket SET subject = (SELECT text FROM bench_subject "
            "WHERE n = tickets_ticket.id %% 600) WHERE id >= %s",
            [first],
        )
        run_sql(
            "UPDATE tickets_message SET body = body || ' Kerberos tickets are rejected "
            "by the gateway.' WHERE ticket_id >= %s AND ticket_id %% 100 = 7",
            [first],
        )
        run_sql(
            "UPDATE tickets_message SET body = body || ' The Shibboleth IdP returns an "
            "unexpected assertion.' WHERE ticket_id IN (%s, %s, %s, %s, %s)",
            [first + 11, first + 2222, first + 4444, first + 6666, first + 8888],
        )
        vocabulary.remember([*bodies, *subjects, "kerberos gateway shibboleth assertion"])


def seed(missing: int) -> float:
    """Seed `missing` tickets with the index off, rewrite their text, refill the index;
    the seconds the refill took."""
    from django.core.management import call_command
    from django.db import transaction
    from django.db.models import Max

    from charterdesk.search import ticket_index
    from charterdesk.tickets.models import Ticket

    first = (Ticket.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    with transaction.atomic():
        ticket_index.uninstall()
    call_command("seed", tickets=missing, verbosity=0, seed=first)
    rewrite_texts(first, random.Random(first))  # noqa: S311 - synthetic data
    start = time.perf_counter()
    last = Ticket.objects.aggregate(m=Max("pk"))["m"]
    with transaction.atomic():
        ticket_index.install()
    for low in range(first, last + 1, 20_000):
        with transaction.atomic():
            ticket_index.refill(first=low, last=low + 19_999)
    return time.perf_counter() - start


def settle() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        run_sql("VACUUM ANALYZE")
    else:
        run_sql("ANALYZE")


def measure(user: object, q: str) -> tuple[float, float, int]:
    from charterdesk.search.ticket_search import search_tickets

    found = len(search_tickets(user, q).items)  # warm caches
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        search_tickets(user, q)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1], found


def customer_of_busiest_organization() -> object:
    from django.db.models import Count

    from charterdesk.accounts.models import Role, User
    from charterdesk.customers.models import Contact
    from charterdesk.tickets.models import Ticket

    busiest = (
        Ticket.objects.values("organization_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("organization_id", "n")[0]
    )
    contact = Contact.objects.filter(organization_id=busiest[0]).order_by("pk").first()
    user = contact.user if contact and contact.user_id else None  # type: ignore[union-attr]
    if user is None:
        user = User.objects.create_user(
            email=f"bench-{contact.pk}@seed.example",  # type: ignore[union-attr]
            password="bench-password-1",  # noqa: S106
            role=Role.CUSTOMER,
        )
        Contact.objects.filter(pk=contact.pk).update(user=user)  # type: ignore[union-attr]
    user = User.objects.select_related("contact").get(pk=user.pk)
    print(f"customer: {user.email}, organization with {busiest[1]:,} tickets", flush=True)
    return user


def creation(rounds: int, creates: int) -> list[tuple[str, float]]:
    """ms per ticket_create with the index on and off, alternating."""
    from django.db import transaction
    from django.db.models.signals import post_save

    from charterdesk.customers.models import Contact
    from charterdesk.intake.services import ticket_create
    from charterdesk.search import ticket_index
    from charterdesk.search.receivers import learn_message_words, learn_ticket_words
    from charterdesk.tickets.models import Message, Ticket

    alice = Contact.objects.select_related("organization", "user").get(email="alice@acme.example")
    rng = random.Random(7)  # noqa: S311 - synthetic data
    results = []
    for index in range(rounds * 2 + 1):  # a warm-up, then on/off and off/on in turn
        labels = ("warm-up",) if index == 0 else (("on", "off") if index % 2 else ("off", "on"))
        for label in labels:
            with transaction.atomic():
                if label in ("on", "warm-up"):
                    ticket_index.install()
                    post_save.connect(
                        learn_ticket_words, sender=Ticket, dispatch_uid="search-ticket-words"
                    )
                    post_save.connect(
                        learn_message_words, sender=Message, dispatch_uid="search-message-words"
                    )
                else:
                    ticket_index.uninstall()
                    post_save.disconnect(sender=Ticket, dispatch_uid="search-ticket-words")
                    post_save.disconnect(sender=Message, dispatch_uid="search-message-words")
            start = time.perf_counter()
            for _ in range(creates):
                with transaction.atomic(durable=True):
                    ticket_create(
                        requester=alice,
                        actor=alice.user,
                        subject=subject(rng),
                        body=realistic(rng, 4),
                        request_type="error",
                        priority="normal",
                    )
            ms = (time.perf_counter() - start) * 1000 / creates
            if label != "warm-up":
                results.append((label, ms))
            print(f"creation, index {label}: {ms:.2f} ms/ticket", flush=True)
    with transaction.atomic():
        ticket_index.install()
        ticket_index.refill()
    post_save.connect(learn_ticket_words, sender=Ticket, dispatch_uid="search-ticket-words")
    post_save.connect(learn_message_words, sender=Message, dispatch_uid="search-message-words")
    return results


def plans(agent: object, customer: object) -> list[str]:
    from django.db import connection

    from charterdesk.search import engine
    from charterdesk.search.backends import postgresql, sqlite
    from charterdesk.search.backends.base import Request
    from charterdesk.search.index import TICKETS
    from charterdesk.search.ticket_filters import allowed_tickets

    backend = postgresql if connection.vendor == "postgresql" else sqlite
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    out = []
    for who, user in (("agent", agent), ("customer", customer)):
        for word in (COMMON, RARE):
            query = engine.parsed(word)
            allowed = engine.allowed_sql(allowed_tickets(user, query))  # type: ignore[arg-type]
            request = Request(user.is_agent, None, allowed, "relevance", 21, None)  # type: ignore[attr-defined]
            sql, params = backend._statement(TICKETS, query, request)  # noqa: SLF001
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql, params)
                rows = "\n".join("    " + " ".join(str(c) for c in r) for r in cursor.fetchall())
            out.append(f"{who}, {word}:\n{rows}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--rounds", type=int, default=3, help="0: creation not measured")
    parser.add_argument("--creates", type=int, default=60)
    args = parser.parse_args()
    with prepared(args.db) as env:
        os.environ.update(env)
        import django

        django.setup()
        from charterdesk.accounts.models import User
        from charterdesk.tickets.models import Ticket

        created = creation(args.rounds, args.creates) if args.rounds else []
        agent = User.objects.get(email="tier1@charterdesk.example")
        results = []
        customer = None
        for size in (int(s) for s in args.sizes.split(",")):
            missing = size - Ticket.objects.count()
            refill = seed(missing) if missing > 0 else 0.0
            settle()
            customer = customer_of_busiest_organization()
            row: list[object] = [size, refill]
            for user in (agent, customer):
                for word in (COMMON, RARE):
                    row.extend(measure(user, word))
            results.append(row)
            print(f"{size:,}: {row}", flush=True)
        print_report(args.db, created, results, plans(agent, customer))


def print_report(
    db: str, created: list[tuple[str, float]], results: list[list[object]], query_plans: list[str]
) -> None:
    on = [ms for label, ms in created if label == "on"]
    off = [ms for label, ms in created if label == "off"]
    print(f"\n## Ticket search ({db}; first page of 20, ms, {RUNS} runs each)\n")
    if on and off:
        print(
            f"Creation ms/ticket, index on: {' '.join(f'{m:.2f}' for m in on)}; "
            f"off: {' '.join(f'{m:.2f}' for m in off)}; "
            f"on/off (medians): {statistics.median(on) / statistics.median(off):.2f}\n"
        )
    print(
        "| tickets | refill s | agent common p50 | p95 | hits | agent rare p50 | p95 | hits | "
        "customer common p50 | p95 | hits | customer rare p50 | p95 | hits |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for row in results:
        cells = [f"{row[0]:,}", f"{row[1]:.1f}"]
        for i in range(2, len(row), 3):
            cells += [f"{row[i]:.1f}", f"{row[i + 1]:.1f}", str(row[i + 2])]
        print("| " + " | ".join(cells) + " |")
    print("\nQuery plans at the largest size:\n\n" + "\n".join(query_plans))


if __name__ == "__main__":
    main()
