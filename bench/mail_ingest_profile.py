"""Where mail ingest spends its time: the mbox of bench/mail_ingest.py on a fresh
database, a warm-up (every sender becomes a known contact), then the statements of each
new request and each reply counted (BEGIN/COMMIT, savepoints and the after-commit task
insert included), then one batch profiled with cProfile (top functions by own and
cumulative time).

    python bench/mail_ingest_profile.py --db sqlite|postgres [--messages 3000]
        [--warm 1500] [--count 300] [--top 30]
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from collections import Counter, defaultdict
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mail_ingest import generate, prepared  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--warm", type=int, default=1500)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--pg-name", default="charterdesk_ingest_profile")
    parser.add_argument("--callees", nargs="*", default=[], help="functions to break down")
    parser.add_argument("--show-sql", action="store_true", help="the statements of one of each")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, prepared(args.db, args.pg_name) as env:
        os.environ.update(env)
        import django

        django.setup()
        from charterdesk.mailboxes.ingest import ingest
        from charterdesk.mailboxes.sources import open_sources

        path = Path(tmp) / "bench.mbox"
        generate(path, args.messages)
        (source,) = open_sources([str(path)], sys.stdin.buffer)
        messages = list(source.messages())
        warm, counted = messages[: args.warm], messages[args.warm : args.warm + args.count]
        for name, raw in warm:
            ingest(raw, source=name)
        half = len(counted) // 2
        shown: dict[str, list[str]] = {}
        print(f"{args.db}: statements per message, ingest() ({half} after {args.warm}):")
        count_one_by_one(counted[:half], shown)
        if batches():
            count_in_a_batch(counted[half:], shown)
        if args.show_sql:
            for outcome, sqls in shown.items():
                print(f"--- {outcome}")
                for sql in sqls:
                    print("   ", sql[:160])
        profiled(messages[args.warm + args.count :], args.top, args.callees)


def batches() -> bool:
    try:
        from charterdesk.mailboxes.ingest import ingest_many  # noqa: F401
    except ImportError:  # a tree from before batches
        return False
    return True


def count_one_by_one(messages: list[tuple[str, bytes]], shown: dict[str, list[str]]) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from charterdesk.mailboxes.ingest import ingest

    statements: dict[str, list[int]] = defaultdict(list)
    for name, raw in messages:
        with CaptureQueriesContext(connection) as queries:
            outcome = str(ingest(raw, source=name).outcome)
        statements[outcome].append(len(queries))
        shown.setdefault(outcome, [q["sql"] for q in queries])
    for outcome, counts in statements.items():
        print(f"  {outcome}: {sum(counts) / len(counts):.1f} ({min(counts)}-{max(counts)})")


def profiled(messages: list[tuple[str, bytes]], top: int, callees: list[str]) -> None:
    """cProfile on CPU time (the machine is shared) of ingesting `messages`."""
    from charterdesk.mailboxes import ingest as door

    profile = cProfile.Profile(time.process_time)
    outcomes: Counter[str] = Counter()
    cpu, start = time.process_time(), time.perf_counter()
    profile.enable()
    if batches():
        outcomes.update(str(result.outcome) for result in door.ingest_many(messages))
    else:
        outcomes.update(str(door.ingest(raw, source=name).outcome) for name, raw in messages)
    profile.disable()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    total = sum(outcomes.values())
    print(
        f"profiled {total} messages {dict(outcomes)}: {seconds:.1f} s wall, "
        f"{cpu / total * 1000:.2f} ms CPU per message (under the profiler)"
    )
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(order).print_stats(top)
        print(out.getvalue())
    for name in callees:
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_callees(name)
        print(out.getvalue())


def count_in_a_batch(messages: list[tuple[str, bytes]], shown: dict[str, list[str]]) -> None:
    """The statements of each message inside one batch (as ingest_many runs it), and the
    batch's own (BEGIN, COMMIT, the tasks enqueued after it)."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from charterdesk.core import config_cache
    from charterdesk.mail.outbox import sends_coalesced
    from charterdesk.mailboxes.ingest.pipeline import ingest_in_transaction

    try:  # the batch's new tickets triaged by one task (a tree from before: one a ticket)
        from charterdesk.intake.hooks import created_in_batch
    except ImportError:
        created_in_batch = nullcontext  # type: ignore[assignment]

    statements: dict[str, list[int]] = defaultdict(list)
    with (
        CaptureQueriesContext(connection) as everything,
        config_cache.unit(),
        transaction.atomic(),
        sends_coalesced(),
        created_in_batch(),
    ):
        for name, raw in messages:
            with CaptureQueriesContext(connection) as queries:
                outcome = str(ingest_in_transaction(raw, name).outcome)
            statements[outcome].append(len(queries))
            shown.setdefault(f"{outcome} in a batch", [q["sql"] for q in queries])
    own = len(everything) - sum(sum(c) for c in statements.values())
    print(f"  in one batch of {len(messages)} (ingest_many), each message:")
    for outcome, counts in statements.items():
        print(f"  {outcome}: {sum(counts) / len(counts):.1f} ({min(counts)}-{max(counts)})")
    print(f"  the batch's own statements: {own} (BEGIN, COMMIT, its tasks)")


if __name__ == "__main__":
    main()
