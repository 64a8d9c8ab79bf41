"""The database triggers on tickets_ticket that keep the trends' rollup honest
(dashboard.rollup): every moment (creation, first reply, solution; before and after a
change of one of them or of the queue; of a deleted ticket) that falls before the end of
the last rolled-up day is written to workspace_trendmark, in the writer's transaction."""

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper

MOMENT_COLUMNS = ("created_at", "first_replied_at", "solved_at")
WATCHED = (*MOMENT_COLUMNS, "queue_id")
TRIGGERS = (
    "workspace_trend_mark_insert",
    "workspace_trend_mark_update",
    "workspace_trend_mark_delete",
)
PG_FUNCTION = "workspace_trend_mark()"
ROLLED_UNTIL = "(SELECT MAX(until) FROM workspace_trendday)"


def _sqlite_marks(row: str) -> str:
    values = " UNION ALL ".join(f"SELECT {row}.{c} AS v" for c in MOMENT_COLUMNS)
    return (
        f"INSERT INTO workspace_trendmark (at) SELECT v FROM ({values}) "  # noqa: S608
        f"WHERE v < {ROLLED_UNTIL}"
    )


def _sqlite() -> list[str]:
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in WATCHED)
    return [
        "CREATE TRIGGER IF NOT EXISTS workspace_trend_mark_insert AFTER INSERT ON "
        f"tickets_ticket BEGIN {_sqlite_marks('NEW')}; END",
        "CREATE TRIGGER IF NOT EXISTS workspace_trend_mark_delete AFTER DELETE ON "
        f"tickets_ticket BEGIN {_sqlite_marks('OLD')}; END",
        "CREATE TRIGGER IF NOT EXISTS workspace_trend_mark_update AFTER UPDATE OF "
        f"{', '.join(WATCHED)} ON tickets_ticket WHEN {changed} BEGIN "
        f"{_sqlite_marks('OLD')}; {_sqlite_marks('NEW')}; END",
    ]


def _pg_marks(row: str) -> str:
    values = ", ".join(f"{row}.{c}" for c in MOMENT_COLUMNS)
    return (
        f"INSERT INTO workspace_trendmark (at) SELECT v FROM unnest(ARRAY[{values}]) AS v "  # noqa: S608 - fixed words
        "WHERE v < rolled"
    )


def _postgresql() -> list[str]:
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in WATCHED)
    function = f"""
CREATE OR REPLACE FUNCTION workspace_trend_mark() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE rolled timestamptz;
BEGIN
  SELECT MAX(until) INTO rolled FROM workspace_trendday;
  IF rolled IS NULL THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN {_pg_marks("OLD")}; END IF;
  IF TG_OP <> 'DELETE' THEN {_pg_marks("NEW")}; END IF;
  RETURN NULL;
END $$"""  # noqa: S608 - fixed words
    run = f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}"
    return [
        function,
        "CREATE OR REPLACE TRIGGER workspace_trend_mark_insert AFTER INSERT ON tickets_ticket "
        + run,
        "CREATE OR REPLACE TRIGGER workspace_trend_mark_delete AFTER DELETE ON tickets_ticket "
        + run,
        "CREATE OR REPLACE TRIGGER workspace_trend_mark_update AFTER UPDATE OF "
        f"{', '.join(WATCHED)} ON tickets_ticket FOR EACH ROW WHEN ({changed}) "
        f"EXECUTE FUNCTION {PG_FUNCTION}",
    ]


def install(connection: BaseDatabaseWrapper = default_connection) -> None:
    """Create the triggers where missing (migration workspace 0007, and after every
    `migrate`: a SQLite table rebuild by a later tickets migration drops them)."""
    statements = _postgresql() if connection.vendor == "postgresql" else _sqlite()
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def uninstall(connection: BaseDatabaseWrapper = default_connection) -> None:
    on = " ON tickets_ticket" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}{on}")
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP FUNCTION IF EXISTS {PG_FUNCTION}")
