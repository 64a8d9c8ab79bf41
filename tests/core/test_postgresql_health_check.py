"""A kept PostgreSQL connection is checked before each request without a round trip to the
server (Django's own check sends `SELECT 1`: one more round trip per request), and a
connection the server has closed is still found unusable, so the request reconnects."""

import time
from unittest import mock

import psycopg
import pytest
from django.db import close_old_connections, connection

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's health check"),
    pytest.mark.django_db(transaction=True),
]


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return int(cursor.fetchone()[0])


def terminate(pid: int) -> None:
    """What a restart of PostgreSQL does to each connection, from another connection."""
    params = connection.get_connection_params()
    params = {k: v for k, v in params.items() if k not in {"cursor_factory", "context"}}
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_it_checks_a_kept_connection_without_asking_the_server() -> None:
    backend_pid()
    with mock.patch.object(
        type(connection.connection), "cursor", side_effect=AssertionError("a round trip")
    ):
        assert connection.is_usable()


def test_it_finds_a_connection_the_server_closed_unusable() -> None:
    pid = backend_pid()
    terminate(pid)
    deadline = time.monotonic() + 5
    while connection.is_usable() and time.monotonic() < deadline:
        time.sleep(0.01)  # the farewell travels over the socket
    assert not connection.is_usable()
    connection.close()


def test_the_next_request_reconnects_after_the_server_closed_its_connection() -> None:
    old = backend_pid()
    terminate(old)
    time.sleep(0.2)
    connection.close_at = None  # kept, as between two requests
    connection.errors_occurred = False
    close_old_connections()  # what each request starts with (request_started)
    assert backend_pid() != old
