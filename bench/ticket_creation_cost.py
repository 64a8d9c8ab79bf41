"""What the search index costs a new ticket, in CPU time (issue #14).

    python bench/ticket_creation_cost.py --db sqlite
    python bench/ticket_creation_cost.py --db postgres

`ticket_create` (intake, in-process, one transaction each) in blocks of CREATES, the
variants alternating in every round: no index at all ("off"); the index as it was before
(the ticket's insert wrote its row, its first message rewrote it; the vocabulary learned
through ORM `bulk_create`) and as it is ("after": the first message writes the row once;
one plain INSERT for the vocabulary). Per ticket: wall time, and the CPU time of this
process plus, on PostgreSQL, of its server process (read from /proc: the server runs on
this machine). CPU time is what a loaded, shared machine blurs least: wall-clock ratios
there move by ±25% from block to block.
"""

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from search_tickets import realistic, subject  # noqa: E402
from server import prepared  # noqa: E402

ROUNDS, CREATES = 6, 60
TICK = os.sysconf("SC_CLK_TCK")


def server_cpu(pid: int | None) -> float:
    """Seconds of CPU the server process used so far (0 without one)."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def switch(*, triggers: str | None, vocabulary: str | None) -> None:
    """Triggers and vocabulary as they were ("before"), are ("after"), or none (None)."""
    from django.db import transaction
    from django.db.models.signals import post_save

    from charterdesk.search import ticket_index
    from charterdesk.search import vocabulary as words
    from charterdesk.search.receivers import learn_message_words, learn_ticket_words
    from charterdesk.tickets.models import Message, Ticket

    with transaction.atomic():
        ticket_index.uninstall()
        if triggers:
            saved = dict(ticket_index.TRIGGERS)
            if triggers == "before":
                ticket_index.TRIGGERS["search_ticket_on_ticket_insert"] = BEFORE
            ticket_index.install()
            ticket_index.TRIGGERS.clear()
            ticket_index.TRIGGERS.update(saved)
    words.remember = REMEMBER[vocabulary or "after"]  # type: ignore[assignment]
    post_save.disconnect(sender=Ticket, dispatch_uid="search-ticket-words")
    post_save.disconnect(sender=Message, dispatch_uid="search-message-words")
    if vocabulary:
        post_save.connect(learn_ticket_words, sender=Ticket, dispatch_uid="search-ticket-words")
        post_save.connect(learn_message_words, sender=Message, dispatch_uid="search-message-words")


# The ticket's insert trigger of before (a row with the subject and people, rewritten by
# the first message).
BEFORE = ("tickets_ticket", "INSERT", "", "t.id = new.id")


def remember_before(texts: Iterable[str]) -> None:
    """vocabulary.remember as it was: ORM objects and bulk_create."""
    from charterdesk.search import vocabulary as words
    from charterdesk.search.models import Term

    found = sorted(
        {
            word
            for text in texts
            for word in words.words_of(text)
            if words.SHORTEST <= len(word) <= words.LONGEST
            and word.isalpha()
            and word not in words.STOPWORDS
        }
    )
    if found:
        Term.objects.bulk_create(
            [Term(word=word) for word in found], ignore_conflicts=True, batch_size=500
        )


REMEMBER: dict[str, Callable[[Iterable[str]], None]] = {}
VARIANTS: dict[str, Callable[[], None]] = {
    "off": lambda: switch(triggers=None, vocabulary=None),
    "before": lambda: switch(triggers="before", vocabulary="before"),
    "after": lambda: switch(triggers="after", vocabulary="after"),
}


def measure(rounds: int, creates: int) -> dict[str, list[tuple[float, float]]]:
    """(wall ms, CPU ms) per ticket, per block, per variant."""
    from django.db import connection, transaction

    from charterdesk.customers.models import Contact
    from charterdesk.intake.services import ticket_create
    from charterdesk.search import vocabulary

    REMEMBER.update(before=remember_before, after=vocabulary.remember)
    alice = Contact.objects.select_related("organization", "user").get(email="alice@acme.example")
    pid = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
    rng = random.Random(7)  # noqa: S311 - synthetic data
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in VARIANTS}
    for round_ in range(rounds + 1):  # round 0 warms up
        names = list(VARIANTS) if round_ % 2 else list(reversed(VARIANTS))
        for name in names:
            VARIANTS[name]()
            wall, cpu, server = time.perf_counter(), time.process_time(), server_cpu(pid)
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
            wall_ms = (time.perf_counter() - wall) * 1000 / creates
            cpu_ms = (time.process_time() - cpu + server_cpu(pid) - server) * 1000 / creates
            if round_:
                results[name].append((wall_ms, cpu_ms))
            print(f"round {round_} {name}: wall {wall_ms:.2f} cpu {cpu_ms:.2f} ms", flush=True)
    VARIANTS["after"]()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--creates", type=int, default=CREATES)
    args = parser.parse_args()
    with prepared(args.db) as env:
        os.environ.update(env)
        import django

        django.setup()
        results = measure(args.rounds, args.creates)
    off_wall = statistics.median(w for w, _ in results["off"])
    off_cpu = statistics.median(c for _, c in results["off"])
    print(f"\n{args.db}, ms per ticket, medians of {args.rounds} blocks of {args.creates}:")
    print("| variant | wall | CPU | wall / off | CPU / off |")
    print("|---|---|---|---|---|")
    for name, blocks in results.items():
        wall = statistics.median(w for w, _ in blocks)
        cpu = statistics.median(c for _, c in blocks)
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {wall / off_wall:.2f} | {cpu / off_cpu:.2f} |")


if __name__ == "__main__":
    main()
