"""A database that refuses connections fails a request long before any view runs: loading
the session, the signed-in user, the sign-in sessions list, django-axes. Those requests
answer 503 with Retry-After too (problem+json under /api/), with one log line, never a 500
page or a traceback."""

import logging

import pytest
from django.db import OperationalError, connection

REFUSED = 'connection to server at "db" (10.0.0.5), port 5432 failed: Connection refused'


@pytest.fixture
def database_refuses():
    """Every query fails as it does while PostgreSQL refuses connections."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError(REFUSED)

    with connection.execute_wrapper(refuse):
        yield


def _no_traceback(caplog):  # type: ignore[no-untyped-def]
    assert "Traceback" not in caplog.text
    assert "Internal Server Error" not in caplog.text
    assert not [r for r in caplog.records if r.exc_info]


def test_a_signed_in_page_answers_503_when_the_session_cannot_be_loaded(
    login, personas, caplog, request
):
    client = login(personas.tier1)
    # Production has no test client re-raising the error; only what it answers counts here.
    client.raise_request_exception = False
    request.getfixturevalue("database_refuses")
    with caplog.at_level(logging.WARNING):
        response = client.get("/desk/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "The database is not reachable; nothing was changed." in response.content.decode()
    assert "GET /desk/: 503, the database is unavailable (connection to server" in caplog.text
    _no_traceback(caplog)


def test_an_api_call_with_a_browser_session_answers_503_problem(login, personas, caplog, request):
    client = login(personas.alice)
    client.raise_request_exception = False
    request.getfixturevalue("database_refuses")
    with caplog.at_level(logging.WARNING):
        response = client.get("/api/v1/tickets")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "30"
    assert response.json()["detail"].startswith("The database is not reachable")
    _no_traceback(caplog)


def test_a_sign_in_attempt_answers_503(client, db, caplog, request):
    client.raise_request_exception = False
    request.getfixturevalue("database_refuses")
    with caplog.at_level(logging.WARNING):
        response = client.post(
            "/login/", {"username": "tier1@charterdesk.example", "password": "whatever"}
        )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    _no_traceback(caplog)


def test_other_errors_outside_a_view_still_answer_500(client, db, monkeypatch):
    client.raise_request_exception = False

    def broken(self, request):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug")

    monkeypatch.setattr("charterdesk.customers.time_zones.TimeZoneMiddleware.__call__", broken)
    assert client.get("/login/").status_code == 500
