"""PostgreSQL's connection settings: prepared statements are on unless the operator turns
them off with DATABASE_PREPARED_STATEMENTS=false (they break behind PgBouncer in
transaction mode before 1.21); on, a statement run five times on a connection is
prepared and PostgreSQL plans it no more."""

import pytest
from django.db import connection

from charterdesk import settings
from charterdesk.core.postgresql.base import DatabaseWrapper

URL = "postgres://charterdesk@db.internal:5432/charterdesk?sslmode=require"


def test_it_prepares_statements_by_default(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", URL)
    monkeypatch.delenv("DATABASE_PREPARED_STATEMENTS", raising=False)
    config = settings._database()
    assert config["ENGINE"] == "charterdesk.core.postgresql"
    assert config["OPTIONS"] == {
        "sslmode": "require",
        "server_side_binding": True,
        "prepare_threshold": 5,
    }


def test_the_operator_turns_prepared_statements_off(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", URL)
    monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", "false")
    options = settings._database()["OPTIONS"]
    assert options == {"sslmode": "require"}  # Django: prepare_threshold None


def _prepared_after_six_runs(options: dict) -> int:
    other = DatabaseWrapper({**connection.settings_dict, "OPTIONS": options}, "prepared")
    try:
        with other.cursor() as cursor:
            for _ in range(6):
                cursor.execute("SELECT id FROM tickets_ticket WHERE id = %s", [1])
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
                ["%tickets_ticket%"],
            )
            return int(cursor.fetchone()[0])
    finally:
        other.close()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
@pytest.mark.django_db
def test_a_statement_run_five_times_is_prepared_only_when_turned_on(monkeypatch):
    monkeypatch.delenv("DATABASE_PREPARED_STATEMENTS", raising=False)
    monkeypatch.setenv("DATABASE_URL", URL)
    on = {k: v for k, v in settings._database()["OPTIONS"].items() if k != "sslmode"}
    assert _prepared_after_six_runs(on) == 1
    assert _prepared_after_six_runs({}) == 0
