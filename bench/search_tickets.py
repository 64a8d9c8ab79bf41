"""Ticket search at growing volume, and what indexing costs ticket creation.

    python bench/search_tickets.py --db sqlite --sizes 10000,100000
    python bench/search_tickets.py --db postgres --sizes 10000,100000
    python bench/search_tickets.py --db sqlite --sizes 1000000 --rounds 0 --bulk --keep sq1m

`--bulk` seeds by INSERT … SELECT (a million in minutes, see bulk_seed); `--keep NAME`
keeps the database for the next run, which then only measures (or seeds what is missing).
Each search is reported with its p50/p95 wall time, the median CPU time (this process and,
on PostgreSQL, the server process) and the statement's time inside the database
(PostgreSQL's EXPLAIN ANALYZE execution time; SQLite: the statement alone).

1. Creation: `ticket_create` (intake, in-process, one transaction each) with the ticket
   index on and off, alternating, in one run: ms per ticket.
2. For each size: `charterdesk seed` adds tickets with conversations (bulk SQL, the index's
   triggers off while loading), their subjects and messages are rewritten with realistic
   support text from a pool, one word ("kerberos") is added to 1% of the tickets and
   another ("shibboleth") to five; then the index is refilled (timed), on SQLite its FTS5
   segments are merged as the scheduler's merge-search-index job would within a minute
   (`--unmerged`: left as loaded), and first-page searches for both words are measured as
   an agent and as a customer of the organization with the most tickets among those where
   the 1% word occurs (p50/p95 of RUNS runs, `search_tickets`: parse, permissions, search,
   snippets, the tickets of the page).
3. The query plans of the four searches at the largest size.
"""

import argparse
import os
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import kept, prepared  # noqa: E402

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


BULK_BATCH = 50_000


def bulk_seed(missing: int) -> float:
    """`--bulk`: `missing` tickets written by a few INSERT … SELECT statements (no Python
    per row, so a million fit in minutes on a loaded machine): 1,000 organizations with
    their contacts and contracts (the demo seeder's), then per ticket its request, an
    agent's reply and, for one in ten, an internal note, from the same pools of
    realistic text as `seed`, and its index row, written straight with the text the
    triggers would give it (public messages, then internal ones, oldest first). No
    events or SLA clocks: search does not read them. The seconds the index rows took."""
    from django.db import connection, transaction
    from django.db.models import Max

    from charterdesk.customers.models import Contact
    from charterdesk.demo.seed import _organizations
    from charterdesk.routing.rules import queue_for_request
    from charterdesk.search import ticket_index, vocabulary
    from charterdesk.tickets.models import Ticket

    rng = random.Random(missing)  # noqa: S311 - synthetic data
    first = (Ticket.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    with transaction.atomic():
        ticket_index.uninstall()
        orgs = _organizations(1000, rng)
        contacts = list(
            Contact.objects.filter(organization__in=orgs)
            .order_by("pk")
            .values_list("pk", "organization_id", "organization__contracts__pk")
        )
        pools(rng, contacts)
        queue = queue_for_request("error").pk
    pg = connection.vendor == "postgresql"
    rare = max(missing // 5, 1)  # the rare word in five tickets
    narrow = _has_match_table()  # PostgreSQL from migration 0006 on (ticket_match.py)
    organization = not pg and _has_column("search_ticket", "organization")
    gin = ("search_ticket_match", "vector", "public_vector") if narrow else None
    if pg:  # GIN indexes are built faster at once than row by row
        run_sql("DROP INDEX IF EXISTS search_ticket_vector, search_ticket_public_vector")
        run_sql(
            "DROP INDEX IF EXISTS search_ticket_match_vector, search_ticket_match_public_vector"
        )
    spent = 0.0
    for low in range(first, first + missing, BULK_BATCH):
        high = min(low + BULK_BATCH, first + missing) - 1
        with transaction.atomic():
            run_sql(_series(pg, low, high) + _tickets_sql(pg, queue, len(contacts)))
            for n in range(len(MESSAGES)):
                run_sql(_series(pg, low, high) + _messages_sql(pg, len(contacts), rare, n))
            start = time.perf_counter()
            run_sql(
                _series(pg, low, high) + _index_sql(len(contacts), rare, organization=organization)
            )
            if narrow:
                run_sql(_match_sql(low, high))
            spent += time.perf_counter() - start
        print(f"  bulk seed: {high - first + 1:,} of {missing:,}", flush=True)
    if pg:
        start = time.perf_counter()
        table = gin[0] if gin else "search_ticket"
        for column in ("vector", "public_vector"):
            run_sql(f"CREATE INDEX {table}_{column} ON {table} USING gin ({column})")
        spent += time.perf_counter() - start
    with transaction.atomic():
        ticket_index.install()
        texts = [*_pool("bench_body"), *_pool("bench_subject"), RARE_TEXT, COMMON_TEXT]
        vocabulary.remember(texts)
    if pg:
        run_sql(
            "SELECT setval(pg_get_serial_sequence('tickets_ticket', 'id'), "
            "(SELECT MAX(id) FROM tickets_ticket))"
        )
    return spent


def _has_match_table() -> bool:
    from django.db import connection

    try:
        from charterdesk.search import ticket_match
    except ImportError:  # code before the narrow match table
        return False
    return ticket_match.present(connection)


def _has_column(table: str, column: str) -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(cursor, table)
    return column in {c.name for c in described}


COMMON_TEXT = " Kerberos tickets are rejected by the gateway."
RARE_TEXT = " The Shibboleth IdP returns an unexpected assertion."
# The messages of a bulk-seeded ticket: visibility, by staff, hours after the ticket,
# which tickets have it (SQL on s.i).
MESSAGES = (
    ("public", False, 0, "true"),
    ("public", True, 1, "true"),
    ("internal", True, 2, "s.i % 10 = 3"),
)


def pools(rng: random.Random, contacts: list[tuple[int, int, int]]) -> None:
    """The tables the bulk statements pick from, by a ticket's id: texts and requesters."""
    from django.db import connection

    from charterdesk.customers.models import Contact

    people = {
        c.pk: f"{c.name} {c.email} {c.organization.name if c.organization else ''}"
        for c in Contact.objects.filter(pk__in=[c[0] for c in contacts]).select_related(
            "organization"
        )
    }
    tables = {
        "bench_body": [(n, realistic(rng, rng.randint(2, 5))) for n in range(4000)],
        "bench_subject": [(n, subject(rng)) for n in range(600)],
    }
    with connection.cursor() as cursor:
        for name, rows in tables.items():
            cursor.execute(f"DROP TABLE IF EXISTS {name}")
            cursor.execute(f"CREATE TABLE {name} (n integer primary key, text text)")
            cursor.executemany(f"INSERT INTO {name} (n, text) VALUES (%s, %s)", rows)  # noqa: S608
        cursor.execute("DROP TABLE IF EXISTS bench_contact")
        cursor.execute(
            "CREATE TABLE bench_contact (n integer primary key, contact bigint, org bigint, "
            "contract bigint, people text)"
        )
        cursor.executemany(
            "INSERT INTO bench_contact VALUES (%s, %s, %s, %s, %s)",
            [(n, c, o, k, people[c]) for n, (c, o, k) in enumerate(contacts)],
        )


def _pool(name: str) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT text FROM {name}")  # noqa: S608 - our table names
        return [row[0] for row in cursor.fetchall()]


def _series(pg: bool, low: int, high: int) -> str:
    if pg:
        return f"WITH s(i) AS (SELECT generate_series({int(low)}::bigint, {int(high)})) "
    return (
        f"WITH RECURSIVE s(i) AS (SELECT {int(low)} UNION ALL "
        f"SELECT i + 1 FROM s WHERE i < {int(high)}) "
    )


def _at(pg: bool, hours: int) -> str:
    """The time of a seeded ticket's event: 30 s apart by id, from 2025-01-01 (UTC)."""
    seconds = f"(s.i * 30 + {hours * 3600})"
    if pg:
        return f"(timestamptz '2025-01-01 00:00:00+00' + {seconds} * interval '1 second')"
    return (
        "strftime('%%Y-%%m-%%d %%H:%%M:%%S', '2025-01-01 00:00:00', "
        f"'+' || {seconds} || ' seconds')"
    )


def _contact(contacts: int) -> str:
    return f"JOIN bench_contact c ON c.n = (s.i * 7919) %% {int(contacts)}"


def _body(n: int) -> str:
    return f"(SELECT text FROM bench_body WHERE n = (s.i * 31 + {n * 1009}) %% 4000)"


def _request_text(rare_every: int) -> str:
    """The request's body: the pool's text, the 1% word, and the rare word in five."""
    return (
        f"{_body(0)} || CASE WHEN s.i %% 100 = 7 THEN '{COMMON_TEXT}' ELSE '' END"
        f" || CASE WHEN s.i %% {int(rare_every)} = 11 THEN '{RARE_TEXT}' ELSE '' END"
    )


def _tickets_sql(pg: bool, queue: int, contacts: int) -> str:
    from charterdesk.demo.seed import TICKET_COLUMNS

    closed = "s.i %% 20 <> 0"
    return (
        f"INSERT INTO tickets_ticket ({TICKET_COLUMNS}) SELECT s.i, c.org, c.contact, "  # noqa: S608
        "(SELECT text FROM bench_subject WHERE n = (s.i * 13) %% 600), "
        "CASE s.i %% 4 WHEN 0 THEN 'downtime' WHEN 1 THEN 'error' WHEN 2 THEN 'how_to' "
        "ELSE 'consulting' END, 'customer', 'normal', "
        f"CASE WHEN {closed} THEN 'closed' ELSE 'open' END, 'portal', {int(queue)}, c.contract, "
        f"'included', 'Seeded', '', NULL, {_at(pg, 0)}, {_at(pg, 0)}, {_at(pg, 0)}, "
        f"{_at(pg, 1)}, CASE WHEN {closed} THEN {_at(pg, 2)} ELSE NULL END, '', '' "
        f"FROM s {_contact(contacts)}"
    )


def _messages_sql(pg: bool, contacts: int, rare_every: int, n: int) -> str:
    from charterdesk.demo.seed import MESSAGE_COLUMNS

    visibility, staff, hours, gate = MESSAGES[n]
    body = _request_text(rare_every) if n == 0 else _body(n)
    author = "NULL" if staff else "c.contact"
    return (
        f"INSERT INTO tickets_message ({MESSAGE_COLUMNS}) SELECT s.i, NULL, {author}, "  # noqa: S608
        f"{'true' if staff else 'false'}, '{visibility}', 'portal', {body}, {_at(pg, hours)} "
        f"FROM s {_contact(contacts)} WHERE {gate.replace('%', '%%')}"
    )


def _index_sql(contacts: int, rare_every: int, *, organization: bool = False) -> str:
    """The index rows, as ticket_index.refresh_sql would compute them from the messages
    (on SQLite from migration 0007 on, with the organization's token)."""
    column, value = (", organization", ", 'o' || c.org") if organization else ("", "")
    return (
        "INSERT INTO search_ticket (ticket_id, subject, people, public_text, internal_text"  # noqa: S608
        f"{column}) SELECT s.i, (SELECT text FROM bench_subject WHERE n = (s.i * 13) %% 600), "
        f"c.people, {_request_text(rare_every)} || ' ' || {_body(1)}, "
        f"CASE WHEN s.i %% 10 = 3 THEN {_body(2)} ELSE '' END{value} "
        f"FROM s {_contact(contacts)}"
    )


def _match_sql(low: int, high: int) -> str:
    """PostgreSQL (from migration 0006 on): the batch's rows of the narrow match table, as
    its trigger (off while seeding) would write them."""
    from charterdesk.search import ticket_match
    from charterdesk.search.index import TICKETS
    from charterdesk.search.schema import vector_sql

    return (
        f"INSERT INTO {ticket_match.TABLE} (ticket_id, organization_id, vector, public_vector) "  # noqa: S608
        f"SELECT s.ticket_id, t.organization_id, {vector_sql(TICKETS, private=True, row='s.')}, "
        f"{vector_sql(TICKETS, private=False, row='s.')} FROM search_ticket s "
        f"JOIN tickets_ticket t ON t.id = s.ticket_id WHERE s.ticket_id BETWEEN {int(low)} "
        f"AND {int(high)}"
    )


def settle(*, merge: bool = True) -> None:
    """Statistics; on SQLite first what the scheduler's merge-search-index job does within
    a minute of the load: the bulk seed writes a segment per batch (19 left at 1M, FTS5
    automerge off), which a search would read until the job merged them (3 at 1M)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        run_sql("VACUUM ANALYZE")
        return
    try:
        from charterdesk.search.merge import merge_all, segments
    except ImportError:  # code before issue #14's merge job: FTS5 merged as it wrote
        pass
    else:
        from charterdesk.search.index import TICKETS

        before = segments(TICKETS)
        if merge:
            merge_all()
        print(f"FTS5 segments of the ticket index: {before} -> {segments(TICKETS)}", flush=True)
    run_sql("ANALYZE")


def server_cpu(pid: int | None) -> float:
    """Seconds of CPU the PostgreSQL server process serving us used so far (0: SQLite)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def backend_pid() -> int | None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return int(cursor.fetchone()[0])


def measure(user: object, q: str) -> tuple[float, float, int, float, float]:
    """p50 and p95 wall ms of the first page, its hits, the median CPU ms per search (this
    process and, on PostgreSQL, the server process) and the median ms of the search
    statement inside the database (`sql_ms`)."""
    from charterdesk.search.ticket_search import search_tickets

    found = len(search_tickets(user, q).items)  # warm caches
    samples, cpu = [], []
    pid = backend_pid()
    for _ in range(RUNS):
        start, used, served = time.perf_counter(), time.process_time(), server_cpu(pid)
        search_tickets(user, q)
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - used + server_cpu(pid) - served) * 1000)
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    return statistics.median(samples), p95, found, statistics.median(cpu), sql_ms(user, q)


def statement(user: object, q: str) -> tuple[str, list[object]]:
    """The backend's search statement of a first page of 20, as search_tickets runs it."""
    from django.db import connection

    from charterdesk.search import engine
    from charterdesk.search.backends import postgresql, sqlite
    from charterdesk.search.backends.base import Request
    from charterdesk.search.index import TICKETS
    from charterdesk.search.ticket_filters import allowed_tickets

    backend = postgresql if connection.vendor == "postgresql" else sqlite
    query = engine.parsed(q)
    allowed = engine.allowed_sql(allowed_tickets(user, query))  # type: ignore[arg-type]
    request = Request(user.is_agent, None, allowed, "relevance", 21, None)  # type: ignore[attr-defined]
    try:  # the customer's organization, as search_tickets passes it (not in earlier code)
        from charterdesk.search.ticket_filters import organization_of  # type: ignore[attr-defined]
    except ImportError:
        pass
    else:
        request = replace(request, organization=organization_of(user))  # type: ignore[arg-type]
    if backend is sqlite:
        return sqlite._statement(TICKETS, query, request)  # noqa: SLF001
    with connection.cursor() as cursor:  # as postgresql.run: the index's highest id first
        cursor.execute("SELECT max(ticket_id) FROM search_ticket")
        top = cursor.fetchone()[0]
    return postgresql._statement(TICKETS, query, request, top=top)  # noqa: SLF001


def sql_ms(user: object, q: str, runs: int = 15) -> float:
    """Median ms of the search statement inside the database: PostgreSQL's `EXPLAIN
    ANALYZE` execution time; on SQLite (in-process) the statement's execution and fetch."""
    from django.db import connection

    sql, params = statement(user, q)
    samples = []
    with connection.cursor() as cursor:
        for _ in range(runs):
            if connection.vendor == "postgresql":
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
                samples.append(float(cursor.fetchone()[0][0]["Execution Time"]))
            else:
                start = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def customer_of_busiest_organization() -> object:
    from django.db.models import Count
    from django.db.models.functions import Mod

    from charterdesk.accounts.models import Role, User
    from charterdesk.customers.models import Contact
    from charterdesk.tickets.models import Ticket

    # Among the organizations with at least one ticket holding the 1% word (ids ending in
    # 07, both seeders), so that the customer's search for it ranks something at every
    # size (at 10k the busiest organization has 16 tickets and often none of them).
    with_word = (
        Ticket.objects.annotate(last_two=Mod("id", 100))
        .filter(last_two=7, organization__name__startswith="Seeded")
        .values("organization_id")
    )
    busiest = (
        Ticket.objects.filter(
            organization__name__startswith="Seeded", organization_id__in=with_word
        )
        .values("organization_id")
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


def creation(rounds: int, creates: int) -> list[tuple[str, float, float]]:
    """ms per ticket_create with the index on and off, alternating: wall and this process's
    CPU (on SQLite all of the database's work too; on PostgreSQL the client's part)."""
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
            start, cpu_start = time.perf_counter(), time.process_time()
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
            cpu = (time.process_time() - cpu_start) * 1000 / creates
            if label != "warm-up":
                results.append((label, ms, cpu))
            print(f"creation, index {label}: {ms:.2f} ms/ticket, CPU {cpu:.2f} ms", flush=True)
    with transaction.atomic():
        ticket_index.install()
        ticket_index.refill()
    try:  # SQLite, automerge off: what the scheduler's merge job does within a minute
        from charterdesk.search.merge import merge_all
    except ImportError:  # code before issue #14's merge job: FTS5 merged as it wrote
        pass
    else:
        merge_all()
    post_save.connect(learn_ticket_words, sender=Ticket, dispatch_uid="search-ticket-words")
    post_save.connect(learn_message_words, sender=Message, dispatch_uid="search-message-words")
    return results


def plans(agent: object, customer: object) -> list[str]:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    out = []
    for who, user in (("agent", agent), ("customer", customer)):
        for word in (COMMON, RARE):
            sql, params = statement(user, word)
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
    parser.add_argument(
        "--bulk",
        action="store_true",
        help="seed by INSERT … SELECT (tickets, messages, index rows) instead of `charterdesk "
        "seed`: a million in minutes; no events or SLA clocks",
    )
    parser.add_argument(
        "--keep",
        metavar="NAME",
        help="seed into a database that stays (bench/.kept/NAME or PostgreSQL bench_NAME) "
        "and reuse it next time: only the tickets missing for a size are seeded",
    )
    parser.add_argument(
        "--unmerged",
        action="store_true",
        help="SQLite: measure the index as the seed left it, without the merge-search-index "
        "job's merging first (one FTS5 segment per bulk batch)",
    )
    args = parser.parse_args()
    with kept(args.db, args.keep) if args.keep else prepared(args.db) as env:
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
            seeder = bulk_seed if args.bulk else seed
            refill = seeder(missing) if missing > 0 else 0.0
            settle(merge=not args.unmerged)
            customer = customer_of_busiest_organization()
            row: list[object] = [size, refill]
            for user in (agent, customer):
                for word in (COMMON, RARE):
                    row.extend(measure(user, word))
            results.append(row)
            print(f"{size:,}: {row}", flush=True)
        print_report(args.db, created, results, plans(agent, customer))


def print_report(
    db: str,
    created: list[tuple[str, float, float]],
    results: list[list[object]],
    query_plans: list[str],
) -> None:
    print(f"\n## Ticket search ({db}; first page of 20, ms, {RUNS} runs each)\n")
    for name, column in (("wall", 1), ("CPU", 2)):
        on = [float(row[column]) for row in created if row[0] == "on"]
        off = [float(row[column]) for row in created if row[0] == "off"]
        if on and off:
            print(
                f"Creation ms/ticket ({name}), index on: {' '.join(f'{m:.2f}' for m in on)}; "
                f"off: {' '.join(f'{m:.2f}' for m in off)}; "
                f"on/off (medians): {statistics.median(on) / statistics.median(off):.2f}\n"
            )
    print(
        "| tickets | refill s | search | hits | p50 | p95 | CPU ms (median) | in the database ms |"
    )
    print("|---|---|---|---|---|---|---|---|")
    names = [f"{who} {word}" for who in ("agent", "customer") for word in (COMMON, RARE)]
    for row in results:
        for name, i in zip(names, range(2, len(row), 5), strict=True):
            p50, p95, hits, cpu, sql = row[i : i + 5]
            print(
                f"| {row[0]:,} | {row[1]:.1f} | {name} | {hits} | {p50:.1f} | {p95:.1f} | "
                f"{cpu:.1f} | {sql:.2f} |"
            )
    print(f"\nload average: {os.getloadavg()}")
    print("\nQuery plans at the largest size:\n\n" + "\n".join(query_plans))


if __name__ == "__main__":
    main()
