"""SQLite's WAL checkpoint, taken out of the requests' commits (issue #13).

In WAL mode every commit appends the pages it changed to `<database>-wal`; a checkpoint
copies them back into the database file and fsyncs it. By default SQLite runs one inside
whichever commit takes the WAL past 1,000 frames: with ~70 pages per ticket creation, one
creation in ~14 paid 5–44 ms for copying and fsyncing the work of the other 13.

`charterdesk web` starts this process next to its server (`python -m
charterdesk.core.sqlite.checkpointer <database> --parent <pid>`; it stops when that parent
does). Every TICK it runs a PASSIVE checkpoint, which copies what is committed without
blocking anyone: writers go on appending, readers go on reading. A checkpoint that raced
with new commits leaves the WAL to keep growing (SQLite starts the WAL file over only when a
write begins with every frame copied), so once the WAL holds RESTART_AT frames it takes the
write queue's lock (`core/sqlite/base.py`) when it is free, i.e. in a gap between writes,
and copies the few frames left; past FORCE frames it waits for the lock (one write waits
for the copy of the last TICK's frames at most).

While it runs it holds an exclusive `flock` on `<database>.checkpointer`; connections
opened meanwhile see it and raise their own auto-checkpoint to CAP frames, so a request
checkpoints only if this process falls that far behind. Without it (not started, stopped,
crashed) connections keep SQLite's 1,000: the WAL never grows without bound either way.
A second `charterdesk web` on the same database waits as a stand-by for the lock.
"""

import argparse
import contextlib
import errno
import fcntl
import os
import sqlite3
import sys
import time

TICK = 0.2  # seconds between checkpoints
RESTART_AT = 1_000  # frames: SQLite's own auto-checkpoint size, ~4 MB of WAL
FORCE = 2_000  # frames: past this, wait for the write lock to let the WAL start over
CAP = 10_000  # frames: the connections' auto-checkpoint while this process runs


def marker_path(database: str) -> str:
    return f"{database}.checkpointer"


def running(database: str) -> bool:
    """Whether a checkpointer holds the database's marker lock now."""
    try:
        fd = os.open(marker_path(database), os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return True
        raise
    finally:
        os.close(fd)  # also releases the shared lock, if it was taken
    return False


def _take(path: str, *, wait: bool) -> int | None:
    """An exclusive flock on `path` (created if needed), or None if taken and not `wait`."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return None
        raise
    return fd


def connect(database: str) -> sqlite3.Connection:
    conn = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA synchronous=NORMAL")  # as the application's connections
    return conn


def checkpoint(conn: sqlite3.Connection, database: str) -> tuple[int, int]:
    """One round: copy what is committed; when the WAL is long, let it start over.
    Returns the WAL's frames and the frames copied back (both -1 if not in WAL mode)."""
    _busy, log, done = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    if log < RESTART_AT:
        return log, done
    fd = _take(f"{database}.writelock", wait=log >= FORCE)
    if fd is None:  # a write is under way: the next round tries again
        return log, done
    try:  # no write can begin now: this copies the rest, and the next write restarts the WAL
        _busy, log, done = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        os.close(fd)
    return log, done


def run(database: str, parent: int | None, tick: float = TICK) -> None:
    """Checkpoint every `tick` seconds while `parent` (if given) is alive."""
    marker = None
    conn = None
    try:
        while parent is None or os.getppid() == parent:
            if marker is None:
                marker = _take(marker_path(database), wait=False)  # stand-by until it is ours
            if marker is not None:
                try:
                    conn = conn or connect(database)
                    checkpoint(conn, database)
                except sqlite3.Error as exc:  # e.g. the file replaced: the next round reconnects
                    sys.stderr.write(f"checkpointer: {exc}\n")
                    if conn is not None:
                        conn.close()
                    conn = None
            time.sleep(tick)
    finally:
        if conn is not None:
            conn.close()
        if marker is not None:
            os.close(marker)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("database")
    parser.add_argument("--parent", type=int, help="stop when this process does")
    parser.add_argument("--tick", type=float, default=TICK)
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        run(args.database, args.parent, args.tick)


if __name__ == "__main__":
    main()
