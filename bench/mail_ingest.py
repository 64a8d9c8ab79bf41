"""Ingest a generated mbox of 10,000 messages (a third of them replies) through the one
ingestion core, in-process, on a fresh database; then the memory of one message with a
20 MB attachment.

    python bench/mail_ingest.py --db sqlite|postgres [--messages 10000]

Baseline in the same process: parsing the same messages without any database work, so
the ratio shows what storing, threading and ticket work cost on top of reading mail.
"""

import argparse
import mailbox
import os
import random
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import prepared  # noqa: E402

DOMAINS = ("acme.example", "globex.example", "initech.example")
WORDS = "export invoice login checkout webhook report api timeout error page sync".split()  # noqa: SIM905


def _message(rng: random.Random, sender: str, subject: str, parent: str | None) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = "support@charterdesk.example"
    mail["Subject"] = f"Re: {subject}" if parent else subject
    mail["Date"] = format_datetime(__import__("datetime").datetime.now().astimezone())
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


def generate(path: Path, count: int) -> None:
    rng = random.Random(7)
    senders = [f"user{n}@{DOMAINS[n % 3]}" for n in range(300)]
    sent: dict[str, list[tuple[str, str]]] = {}
    box = mailbox.mbox(str(path))
    box.lock()
    for n in range(count):
        sender = rng.choice(senders)
        earlier = sent.get(sender)
        if earlier and n % 3 == 0:
            subject, parent = rng.choice(earlier)
            mail = _message(rng, sender, subject, parent)
        else:
            subject = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} problem {n}"
            mail = _message(rng, sender, subject, None)
            sent.setdefault(sender, []).append((subject, mail["Message-ID"]))
        box.add(mail)
    box.flush()
    box.unlock()


def big_message() -> bytes:
    mail = EmailMessage()
    mail["From"] = "user1@globex.example"
    mail["To"] = "support@charterdesk.example"
    mail["Subject"] = "Core dump attached"
    mail["Message-ID"] = make_msgid(domain="globex.example")
    mail.set_content("The core dump of this morning's crash is attached.")
    mail.add_attachment(
        os.urandom(20 * 1024 * 1024), "application", "octet-stream", filename="core"
    )
    return mail.as_bytes()


def run(db: str, count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, prepared(db) as env:
        os.environ.update(env)
        import django

        django.setup()
        from charterdesk.mail.ingest import ingest
        from charterdesk.mailparse import parse

        path = Path(tmp) / "bench.mbox"
        generate(path, count)
        box = mailbox.mbox(str(path))
        raws = [box.get_bytes(key) for key in box.iterkeys()]
        start = time.perf_counter()
        for raw in raws:
            parse(raw)
        parse_rate = len(raws) / (time.perf_counter() - start)
        outcomes: Counter[str] = Counter()
        start = time.perf_counter()
        for n, raw in enumerate(raws):
            outcomes[ingest(raw, source=f"bench.mbox#{n}").outcome] += 1
        seconds = time.perf_counter() - start
        print(f"{db}: {len(raws)} messages in {seconds:.1f} s = {len(raws) / seconds:.0f} msg/s")
        print(f"  parse only (baseline, same messages): {parse_rate:.0f} msg/s")
        print(f"  ingest / parse-only: {len(raws) / seconds / parse_rate:.3f}")
        print(f"  outcomes: {dict(outcomes)}")
        memory(ingest, raws[0])


def memory(ingest, small: bytes) -> None:  # type: ignore[no-untyped-def]
    big = big_message()
    for label, raw in (
        ("typical message", small.replace(b"Message-ID: <", b"Message-ID: <m")),
        ("20 MB attachment", big),
    ):
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        result = ingest(raw, source=label)
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"  {label}: {len(raw) / 1e6:.2f} MB raw, peak {(peak - before) / 1e6:.1f} MB "
            f"({(peak - before) / len(raw):.1f}x raw), "
            f"kept after: {(current - before) / 1e6:.2f} MB -> {result.outcome}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args()
    run(args.db, args.messages)


if __name__ == "__main__":
    main()
