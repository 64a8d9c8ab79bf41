"""SQLite: merging the FTS5 tables' segments, out of the writers' transactions.

FTS5 writes the words of every committed transaction as a new small segment of its
index. By default it also merges segments a little after every write (`automerge`): at
10k tickets that work was most of what the index cost a ticket's creation (issue #14,
bench/RESULTS.md). The tables are made with automerge off (schema.AUTOMERGE), and the
scheduler's `merge-search-index` job (tasks.py, every minute) does the merging instead:
FTS5's own incremental `merge` command, a bounded number of pages per short transaction,
until no level has `usermerge` (4) segments left, so a search reads about as many
segments as with automerge. Between two runs new segments pile up on the first level;
should a level reach `crisismerge` (16) segments, the next write merges them itself. The
index is never stale: merging only reorganizes what is already committed.
PostgreSQL: nothing to do (GIN indexes keep themselves).
"""

from django.db import connection, transaction

from .index import DOCUMENTS, TICKETS, IndexSpec

PAGES = 256  # leaf pages merged in one transaction, at most (a few ms: writers wait)
ROUNDS = 200  # transactions of one run, at most (the next run goes on)


def merge_segments(spec: IndexSpec, *, pages: int = PAGES, rounds: int = ROUNDS) -> int:
    """Merge `spec`'s FTS5 segments while FTS5 finds merging to do; the transactions that
    merged something."""
    if connection.vendor != "sqlite":
        return 0
    done = 0
    for _ in range(rounds):
        with transaction.atomic():  # its own transaction, or a savepoint of the caller's
            connection.ensure_connection()
            before = connection.connection.total_changes
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {spec.fts}({spec.fts}, rank) VALUES ('merge', %s)",  # noqa: S608
                    [int(pages)],
                )
            merged = connection.connection.total_changes - before >= 2
        if not merged:  # FTS5: a change count up by less than 2 means no work was done
            break
        done += 1
    return done


def merge_all() -> dict[str, int]:
    return {spec.table: merge_segments(spec) for spec in (TICKETS, DOCUMENTS)}


def segments(spec: IndexSpec) -> int:
    """SQLite: how many segments the FTS5 table has (one per committed write until merged)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(DISTINCT segid) FROM {spec.fts}_idx")  # noqa: S608
        return int(cursor.fetchone()[0])
