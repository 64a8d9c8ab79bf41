"""Concurrent write transactions on SQLite queue on the file lock instead of failing."""

import threading
import time
from pathlib import Path

import pytest
from django.db.utils import ConnectionHandler, OperationalError


def connection_to(path: Path, engine: str):  # type: ignore[no-untyped-def]
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": engine,
                "NAME": str(path),
                # a tiny busy timeout: without the queue, the second writer gives up at once
                "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 0.05},
            }
        }
    )
    return handler["default"]


def write_while_holding(path: Path, engine: str, hold: float, errors: list[Exception]) -> None:
    conn = connection_to(path, engine)
    try:
        conn.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
        with conn.cursor() as cursor:
            cursor.execute("INSERT INTO t (v) VALUES (1)")
        time.sleep(hold)
        conn.commit()
        conn.set_autocommit(True)
    except OperationalError as exc:
        errors.append(exc)
    finally:
        conn.close()


def two_writers(path: Path, engine: str) -> list[Exception]:
    setup = connection_to(path, engine)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS t (v INTEGER)")
    setup.close()
    errors: list[Exception] = []
    first = threading.Thread(target=write_while_holding, args=(path, engine, 0.4, errors))
    second = threading.Thread(target=write_while_holding, args=(path, engine, 0, errors))
    first.start()
    time.sleep(0.1)
    second.start()
    first.join()
    second.join()
    return errors


@pytest.fixture(autouse=True)
def _own_databases(django_db_blocker):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():  # these tests use their own database files
        yield


def test_second_writer_waits_for_the_first_instead_of_failing(tmp_path):
    assert two_writers(tmp_path / "q.sqlite3", "charterdesk.core.sqlite") == []
    check = connection_to(tmp_path / "q.sqlite3", "charterdesk.core.sqlite")
    with check.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM t")
        assert cursor.fetchone()[0] == 2
    check.close()


def test_without_the_queue_the_second_writer_fails(tmp_path):
    # The control: Django's own backend with the same tiny busy timeout gives up.
    errors = two_writers(tmp_path / "plain.sqlite3", "django.db.backends.sqlite3")
    assert len(errors) == 1
    assert "locked" in str(errors[0])


pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
