"""A request that loses the database answers 503 with Retry-After, not 500: problem+json
in the API, a short page on the site, and one line in the log instead of a traceback."""

import logging

import pytest
from django.db import OperationalError, connection

DOWN = 'connection to server at "db" (10.0.0.5), port 5432 failed: Connection refused'


@pytest.fixture
def tickets_table_unreachable():
    """Every query on the tickets table fails as it does when PostgreSQL is down (the
    sign-in and session tables still answer, so the request reaches the view)."""

    def refuse(execute, sql, params, many, context):
        if "tickets_ticket" in sql:
            raise OperationalError(DOWN)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield


def test_the_api_answers_503_problem_when_the_database_is_unreachable(
    api, personas, tickets_table_unreachable, caplog
):
    with caplog.at_level(logging.WARNING):
        response = api.as_(personas.tier1).get("/api/v1/tickets")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "30"
    assert response.json()["detail"] == (
        "The database is not reachable; nothing was changed. Try again shortly."
    )
    assert "503, the database is unavailable (connection to server" in caplog.text
    assert "Traceback" not in caplog.text


def test_a_page_answers_503_when_the_database_is_unreachable(
    login, personas, tickets_table_unreachable, caplog
):
    client = login(personas.tier1)
    with caplog.at_level(logging.WARNING):
        response = client.get("/desk/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "The database is not reachable; nothing was changed. Try again shortly." in page
    assert "Traceback" not in caplog.text
