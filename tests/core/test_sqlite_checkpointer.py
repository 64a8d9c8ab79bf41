"""The WAL checkpointer beside the web server copies the WAL back outside the requests'
commits, lets the WAL start over, and the connections leave checkpoints to it only while
it runs (up to a safety cap)."""

import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db.utils import ConnectionHandler

from charterdesk.core.management.commands import web
from charterdesk.core.sqlite import checkpointer


def connection_to(path: Path):  # type: ignore[no-untyped-def]
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "charterdesk.core.sqlite",
                "NAME": str(path),
                "OPTIONS": {
                    "transaction_mode": "IMMEDIATE",
                    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                },
            }
        }
    )
    return handler["default"]


def autocheckpoint(conn) -> int:  # type: ignore[no-untyped-def]
    with conn.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        return int(cursor.fetchone()[0])


def write(conn, rows: int) -> None:  # type: ignore[no-untyped-def]
    for _ in range(rows):
        conn.set_autocommit(False)  # BEGIN IMMEDIATE under the write queue's lock
        with conn.cursor() as cursor:
            cursor.execute("INSERT INTO t (v) VALUES (randomblob(3000))")
        conn.commit()
        conn.set_autocommit(True)


def wal_frames(conn) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with conn.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        _busy, log, done = cursor.fetchone()
    return log, done


@pytest.fixture(autouse=True)
def _own_databases(django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():  # these tests use their own database files
        yield


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "c.sqlite3"
    conn = connection_to(path)
    with conn.cursor() as cursor:
        cursor.execute("CREATE TABLE t (v BLOB)")
    conn.close()
    return path


def test_connections_keep_sqlites_checkpoints_without_a_checkpointer(database):
    conn = connection_to(database)
    assert not checkpointer.running(str(database))
    assert autocheckpoint(conn) == 1000
    conn.close()


def test_a_round_copies_the_wal_back_and_lets_it_start_over(database):
    conn = connection_to(database)
    with conn.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint=0")  # as if a checkpointer ran
    write(conn, checkpointer.RESTART_AT + 50)
    own = checkpointer.connect(str(database))
    log, done = checkpointer.checkpoint(own, str(database))
    assert log == done >= checkpointer.RESTART_AT + 50  # every frame copied back
    write(conn, 1)
    assert wal_frames(conn)[0] < 10  # the next write started the WAL over
    own.close()
    conn.close()


def test_a_round_does_not_wait_for_a_write_under_way_below_the_force_size(database):
    conn = connection_to(database)
    with conn.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint=0")
    write(conn, checkpointer.RESTART_AT + 50)
    own = checkpointer.connect(str(database))
    conn.set_autocommit(False)  # a write transaction holds the queue's lock
    with conn.cursor() as cursor:
        cursor.execute("INSERT INTO t (v) VALUES (1)")
    start = time.monotonic()
    log, done = checkpointer.checkpoint(own, str(database))
    assert time.monotonic() - start < 1
    assert log == done  # the committed frames are copied all the same
    conn.rollback()
    conn.set_autocommit(True)
    own.close()
    conn.close()


def test_while_it_runs_connections_leave_checkpoints_to_it_and_it_stops_with_its_parent(
    database,
):
    argv = [sys.executable, "-m", "charterdesk.core.sqlite.checkpointer", str(database)]
    parent = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    env = os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)}
    mine = [*argv, "--parent", str(os.getpid()), "--tick", "0.05"]
    child = subprocess.Popen(mine, env=env)  # noqa: S603 - our own command line
    try:
        deadline = time.monotonic() + 20
        while not checkpointer.running(str(database)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert checkpointer.running(str(database))
        conn = connection_to(database)
        assert autocheckpoint(conn) == checkpointer.CAP
        write(conn, 300)
        deadline = time.monotonic() + 20
        while (log_done := wal_frames(conn))[1] < log_done[0] and time.monotonic() < deadline:
            time.sleep(0.05)
        conn.close()
    finally:
        child.terminate()
        child.wait(timeout=10)
        parent.kill()
        parent.wait()
    assert not checkpointer.running(str(database))
    # and one started for a parent that is gone stops by itself
    orphaned = [*argv, "--parent", str(parent.pid), "--tick", "0.05"]
    orphan = subprocess.Popen(orphaned, env=env)  # noqa: S603 - our own command line
    assert orphan.wait(timeout=20) == 0


def test_web_starts_it_on_a_sqlite_file_unless_turned_off(monkeypatch, database):
    started: list[list[str]] = []
    monkeypatch.setattr(web.subprocess, "Popen", lambda argv: started.append(argv))
    sqlite = {"ENGINE": "charterdesk.core.sqlite", "NAME": str(database)}
    monkeypatch.setattr(web, "settings", SimpleNamespace(DATABASES={"default": sqlite}))
    web.start_checkpointer()
    assert started[-1][-3:] == [str(database), "--parent", str(os.getpid())]
    monkeypatch.setenv("SQLITE_CHECKPOINTER", "0")
    web.start_checkpointer()
    assert len(started) == 1
