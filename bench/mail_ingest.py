"""Ingest a generated mbox of 10,000 messages (a third of them replies to earlier ones)
the way `charterdesk mail ingest` reads it, in-process, on a fresh database; then the
memory of one message with a 20 MB attachment against a typical one.

    python bench/mail_ingest.py --db sqlite|postgres [--messages 10000] [--one-by-one]

The mbox goes through `ingest_many` as `charterdesk mail ingest` feeds it (several messages
a transaction); `--one-by-one` calls `ingest` per message instead (a transaction each, as
the IMAP poller and the SMTP gateway do). A tree without `ingest_many` runs one by one.

PostgreSQL uses a throw-away database (`--pg-name`, default charterdesk_h1_bench) on
BENCH_PG_ADMIN's server. Baseline in the same process: parsing the same messages without
any database work, so the ratio shows what storing, threading and ticket work cost on top
of reading mail. Also printed: CPU time per message (the machine is shared, so wall-clock
rates move with the neighbours' load; CPU time much less).
"""

import argparse
import mailbox
import os
import random
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import PG_ADMIN, cli, drop, environment  # noqa: E402

DOMAINS = ("acme.example", "globex.example", "initech.example")
WORDS = "export invoice login checkout webhook report api timeout error page sync".split()  # noqa: SIM905
MB = 1024 * 1024


def _message(rng: random.Random, sender: str, subject: str, parent: str | None) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = "support@charterdesk.example"
    mail["Subject"] = f"Re: {subject}" if parent else subject
    mail["Date"] = format_datetime(datetime.now(UTC))
    mail["Message-ID"] = make_msgid(domain=sender.split("@")[1])
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 300)))
    if parent:
        mail["In-Reply-To"] = parent
        mail["References"] = parent
        text += "\n\nOn Mon, 23 Nov 2026 at 10:00, Support <support@charterdesk.example> wrote:\n"
        text += "\n".join("> " + rng.choice(WORDS) * 3 for _ in range(10))
    mail.set_content(text)
    if rng.random() < 0.1:
        mail.add_attachment(rng.randbytes(20_000), "application", "pdf", filename="log.pdf")
    return mail


def generate(path: Path, count: int) -> int:
    """Every third message (from the third on) replies to an earlier request, as its
    sender; the others are new requests from 300 senders of three organizations.
    Returns how many replies were written."""
    rng = random.Random(7)
    senders = [f"user{n}@{DOMAINS[n % 3]}" for n in range(300)]
    threads: list[tuple[str, str, str]] = []  # (sender, subject, Message-ID) of requests
    replies = 0
    box = mailbox.mbox(str(path))
    box.lock()
    for n in range(count):
        if n % 3 == 2 and threads:
            sender, subject, parent = rng.choice(threads)
            mail = _message(rng, sender, subject, parent)
            replies += 1
        else:
            sender = rng.choice(senders)
            subject = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} problem {n}"
            mail = _message(rng, sender, subject, None)
            threads.append((sender, subject, str(mail["Message-ID"])))
        box.add(mail)
    box.flush()
    box.unlock()
    return replies


def big_message() -> bytes:
    mail = EmailMessage()
    mail["From"] = "user1@globex.example"
    mail["To"] = "support@charterdesk.example"
    mail["Subject"] = "Core dump attached"
    mail["Message-ID"] = make_msgid(domain="globex.example")
    mail.set_content("The core dump of this morning's crash is attached.")
    mail.add_attachment(os.urandom(20 * MB), "application", "octet-stream", filename="core")
    return mail.as_bytes()


@contextmanager
def prepared(db: str, pg_name: str) -> Iterator[dict[str, str]]:
    """A migrated database with the demo's reference data (organizations, contacts)."""
    data_dir = Path(tempfile.mkdtemp(prefix="charterdesk-mail-bench-"))
    env = environment("sqlite", data_dir)
    if db == "postgres":
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{pg_name}"')
        env["DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + f"/{pg_name}"
    try:
        cli(env, "migrate", "--noinput", "-v0")
        cli(env, "demo")
        yield env
    finally:
        drop(env)
        shutil.rmtree(data_dir, ignore_errors=True)


def run(db: str, count: int, pg_name: str, one_by_one: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp, prepared(db, pg_name) as env:
        os.environ.update(env)
        import django

        django.setup()
        from charterdesk.mailboxes.ingest import ingest

        try:
            from charterdesk.mailboxes.ingest import ingest_many
        except ImportError:  # a tree from before batches (a "before" run)
            one_by_one = True
        from charterdesk.mailboxes.sources import open_sources
        from charterdesk.mailparse import parse

        path = Path(tmp) / "bench.mbox"
        replies = generate(path, count)
        size = path.stat().st_size / MB
        how = "one transaction per message" if one_by_one else "batches (ingest_many)"
        print(f"{db}: mbox of {count} messages ({replies} replies), {size:.0f} MB; {how}")
        (source,) = open_sources([str(path)], sys.stdin.buffer)
        start = time.perf_counter()
        parsed = sum(1 for _, raw in source.messages() if parse(raw))
        parse_rate = parsed / (time.perf_counter() - start)
        (source,) = open_sources([str(path)], sys.stdin.buffer)
        outcomes: Counter[str] = Counter()
        cpu, start = time.process_time(), time.perf_counter()
        if one_by_one:  # a transaction per message, as the IMAP and SMTP doors take them
            for name, raw in source.messages():
                outcomes[str(ingest(raw, source=name).outcome)] += 1
        else:  # as `charterdesk mail ingest` reads an mbox: batches of messages
            for result in ingest_many(source.messages()):
                outcomes[str(result.outcome)] += 1
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        total = sum(outcomes.values())
        print(f"  ingest: {total} messages in {seconds:.1f} s = {total / seconds:.0f} msg/s")
        print(f"  CPU time of this process: {cpu / total * 1000:.2f} ms per message")
        print(f"  parse only (baseline, same messages): {parse_rate:.0f} msg/s")
        print(f"  outcomes: {dict(outcomes)}")
        first = next(open_sources([str(path)], sys.stdin.buffer)[0].messages())[1]
        memory(ingest, first)


def memory(ingest, small: bytes) -> None:  # type: ignore[no-untyped-def]
    """Peak Python memory (tracemalloc) of one typical message and of one with a 20 MB
    attachment; and the process's peak RSS before and after the big one."""
    big = big_message()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for label, raw in (
        ("typical message", small.replace(b"Message-ID: <", b"Message-ID: <m")),
        ("20 MB attachment", big),
    ):
        tracemalloc.start()
        result = ingest(raw, source=label)
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"  {label}: {len(raw) / MB:.2f} MB raw, peak {peak / MB:.1f} MB "
            f"({peak / len(raw):.1f}x raw), kept after: {current / MB:.2f} MB -> {result.outcome}"
        )
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"  peak RSS of the process: {rss_before:.0f} MB after the mbox, {rss_after:.0f} MB "
        f"after the 20 MB message (+{rss_after - rss_before:.0f} MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--pg-name", default="charterdesk_h1_bench")
    parser.add_argument(
        "--one-by-one", action="store_true", help="ingest() per message, not ingest_many()"
    )
    args = parser.parse_args()
    run(args.db, args.messages, args.pg_name, args.one_by_one)


if __name__ == "__main__":
    main()
