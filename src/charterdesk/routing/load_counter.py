"""Agents' loads kept by the database: triggers on tickets_ticket move the counts of
routing_agentload (open assigned tickets per agent and priority) in the same transaction
as every insert, update of assignee/status/priority, delete (and, on PostgreSQL, truncate)
of a ticket, whoever writes it: services, bulk updates, raw SQL.

An assignment decision then reads 500 agents' loads as 500 rows instead of summing their
10,000 open tickets. The counts are exact or useless: `check()` compares them with the
sum recomputed from the tickets, `repair()` rewrites them (and reinstalls the triggers,
e.g. after a SQLite table rebuild by a later tickets migration dropped them); the command
is `charterdesk routing_loads [--repair]`.

Migration routing 0005 installs the triggers with the open statuses (tickets.OPEN_STATUSES)
and priorities (COLUMNS) as they were then; when either changes, a new routing migration
calls `install()` again (`installed()` tells outdated triggers from current ones).
"""

import re
from collections.abc import Iterable

from django.db import connection as default_connection
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Count

from charterdesk.core.vocabulary import Priority
from charterdesk.tickets.models import OPEN_STATUSES, Ticket

from .models import AgentLoad

# Open tickets weigh by priority when counting an agent's load against their capacity.
WEIGHTS = {Priority.URGENT: 4.0, Priority.HIGH: 2.0, Priority.NORMAL: 1.0, Priority.LOW: 0.5}
# Each priority counts in its own column; any other value counts as normal (weight 1).
COLUMNS = ("urgent", "high", "normal", "low")
OTHER = Priority.NORMAL.value
Counts = tuple[int, int, int, int]
TRIGGERS = ("routing_agent_load_insert", "routing_agent_load_update", "routing_agent_load_delete")
PG_TRUNCATE = "routing_agent_load_truncate"
PG_FUNCTIONS = ("routing_agent_load_move()", "routing_agent_load_clear()")


def _literal(value: str) -> str:
    if not re.fullmatch(r"[a-z_]+", value):  # statuses and priorities are plain words
        raise ValueError(f"unexpected value {value!r} in trigger SQL")
    return f"'{value}'"


def _open() -> str:
    return "(" + ", ".join(_literal(str(s)) for s in OPEN_STATUSES) + ")"


def _is(row: str, column: str) -> str:
    """1 when the row's priority counts in this column, else 0 (portable SQL)."""
    named = [c for c in COLUMNS if c != OTHER]
    if column == OTHER:
        test = f"{row}.priority NOT IN ({', '.join(_literal(c) for c in named)})"
    else:
        test = f"{row}.priority = {_literal(column)}"
    return f"CASE WHEN {test} THEN 1 ELSE 0 END"


def _add(row: str, where: str = "") -> str:
    """Count the row's ticket for its assignee (the agent's counts row made on first use)."""
    values = ", ".join(_is(row, c) for c in COLUMNS)
    moves = ", ".join(f"{c} = routing_agentload.{c} + excluded.{c}" for c in COLUMNS)
    source = (
        f"SELECT {row}.assignee_id, {values} WHERE {where}"
        if where
        else f"VALUES ({row}.assignee_id, {values})"
    )
    return (
        f"INSERT INTO routing_agentload (user_id, {', '.join(COLUMNS)}) {source} "
        f"ON CONFLICT (user_id) DO UPDATE SET {moves}"
    )


def _take(row: str, where: str = "") -> str:
    """Stop counting the row's ticket. An update, never an insert: when the agent is being
    deleted, their counts row is already gone and must not come back."""
    moves = ", ".join(f"{c} = {c} - {_is(row, c)}" for c in COLUMNS)
    extra = f" AND {where}" if where else ""
    where_row = f"user_id = {row}.assignee_id{extra}"
    return f"UPDATE routing_agentload SET {moves} WHERE {where_row}"  # noqa: S608  # fixed words


def _counts(row: str) -> str:
    return f"{row}.assignee_id IS NOT NULL AND {row}.status IN {_open()}"


CHANGED = (
    "OLD.assignee_id IS DISTINCT FROM NEW.assignee_id OR OLD.status IS DISTINCT FROM NEW.status "
    "OR OLD.priority IS DISTINCT FROM NEW.priority"
)


def _sqlite() -> list[str]:
    changed = CHANGED.replace("IS DISTINCT FROM", "IS NOT")
    return [
        f"CREATE TRIGGER routing_agent_load_insert AFTER INSERT ON tickets_ticket "
        f"WHEN {_counts('NEW')} BEGIN {_add('NEW')}; END",
        f"CREATE TRIGGER routing_agent_load_delete AFTER DELETE ON tickets_ticket "
        f"WHEN {_counts('OLD')} BEGIN {_take('OLD')}; END",
        f"CREATE TRIGGER routing_agent_load_update "
        f"AFTER UPDATE OF assignee_id, status, priority ON tickets_ticket WHEN {changed} BEGIN "
        f"{_take('OLD', _counts('OLD'))}; {_add('NEW', _counts('NEW'))}; END",
    ]


def _postgresql() -> list[str]:
    # Two reassignments crossing (A→B and B→A) touch the lower agent id first: no deadlock.
    move = f"""
CREATE OR REPLACE FUNCTION routing_agent_load_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE was boolean := false; now_counts boolean := false;
BEGIN
  IF TG_OP <> 'INSERT' THEN was := {_counts("OLD")}; END IF;
  IF TG_OP <> 'DELETE' THEN now_counts := {_counts("NEW")}; END IF;
  IF was AND now_counts AND NEW.assignee_id < OLD.assignee_id THEN
    {_add("NEW")};
    {_take("OLD")};
  ELSE
    IF was THEN {_take("OLD")}; END IF;
    IF now_counts THEN {_add("NEW")}; END IF;
  END IF;
  RETURN NULL;
END $$"""
    clear = """
CREATE OR REPLACE FUNCTION routing_agent_load_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN DELETE FROM routing_agentload; RETURN NULL; END $$"""
    move_row = "EXECUTE FUNCTION routing_agent_load_move()"
    return [
        move,
        clear,
        "CREATE TRIGGER routing_agent_load_insert AFTER INSERT ON tickets_ticket "
        f"FOR EACH ROW WHEN (NEW.assignee_id IS NOT NULL) {move_row}",
        "CREATE TRIGGER routing_agent_load_delete AFTER DELETE ON tickets_ticket "
        f"FOR EACH ROW WHEN (OLD.assignee_id IS NOT NULL) {move_row}",
        "CREATE TRIGGER routing_agent_load_update "
        "AFTER UPDATE OF assignee_id, status, priority ON tickets_ticket "
        f"FOR EACH ROW WHEN ({CHANGED}) {move_row}",
        f"CREATE TRIGGER {PG_TRUNCATE} AFTER TRUNCATE ON tickets_ticket "
        "FOR EACH STATEMENT EXECUTE FUNCTION routing_agent_load_clear()",
    ]


def _statements(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return _postgresql()
    if vendor == "sqlite":
        return _sqlite()
    raise NotImplementedError(f"agents' load triggers for {vendor}")


def uninstall(connection: BaseDatabaseWrapper = default_connection) -> None:
    on = " ON tickets_ticket" if connection.vendor == "postgresql" else ""
    names = TRIGGERS + ((PG_TRUNCATE,) if connection.vendor == "postgresql" else ())
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}{on}")
        if connection.vendor == "postgresql":
            for function in PG_FUNCTIONS:
                cursor.execute(f"DROP FUNCTION IF EXISTS {function}")


def install(connection: BaseDatabaseWrapper = default_connection) -> None:
    """(Re)create the triggers. The counts are not touched: `repair()` rewrites them."""
    uninstall(connection)
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor):
            cursor.execute(statement)


def installed(connection: BaseDatabaseWrapper = default_connection) -> bool:
    """Whether every trigger is in place as defined here now (a SQLite table rebuild by a
    later tickets migration drops them; a change of the open statuses outdates them)."""
    if connection.vendor == "postgresql":
        return _pg_installed(connection)
    expected = {s.split()[2]: s for s in _sqlite()}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = 'tickets_ticket'"
        )
        found = dict(cursor.fetchall())
    return all(found.get(name) == sql for name, sql in expected.items())


def _pg_installed(connection: BaseDatabaseWrapper) -> bool:
    body = _postgresql()[0].split("$$")[1]
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = 'tickets_ticket'::regclass")
        names = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT prosrc FROM pg_proc WHERE proname = 'routing_agent_load_move'")
        bodies = [row[0] for row in cursor.fetchall()]
    return set(TRIGGERS) | {PG_TRUNCATE} <= names and bodies == [body]


def backfill(connection: BaseDatabaseWrapper = default_connection) -> None:
    """Write every agent's counts from the tickets into an empty routing_agentload."""
    sums = ", ".join(f"SUM({_is('t', c)})" for c in COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO routing_agentload (user_id, {', '.join(COLUMNS)}) "  # noqa: S608  # fixed words
            f"SELECT t.assignee_id, {sums} FROM tickets_ticket t "
            f"WHERE {_counts('t')} GROUP BY t.assignee_id"
        )


def recomputed(user_ids: Iterable[int] | None = None) -> dict[int, Counts]:
    """The counts summed from the open assigned tickets themselves (the slow, sure way)."""
    tickets = Ticket.objects.filter(assignee__isnull=False, status__in=OPEN_STATUSES)
    if user_ids is not None:
        tickets = tickets.filter(assignee_id__in=list(user_ids))
    rows = (
        tickets.order_by()
        .values("assignee_id", "priority")
        .annotate(n=Count("pk"))
        .values_list("assignee_id", "priority", "n")
    )
    found: dict[int, list[int]] = {}
    for assignee, priority, n in rows:
        column = priority if priority in COLUMNS else OTHER
        found.setdefault(assignee, [0, 0, 0, 0])[COLUMNS.index(column)] += n
    return {user: (c[0], c[1], c[2], c[3]) for user, c in found.items()}


def stored() -> dict[int, Counts]:
    """The counts as the triggers keep them (agents with none left out)."""
    rows = AgentLoad.objects.values_list("user_id", *COLUMNS)
    return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows if any(r[1:])}


def check() -> dict[int, tuple[Counts | None, Counts | None]]:
    """Agents whose stored counts differ from the recomputed ones: {user: (stored, true)}.
    Both read from one snapshot on PostgreSQL (outside a transaction), so writers running
    meanwhile show no false differences."""
    outermost = not default_connection.in_atomic_block
    with transaction.atomic():
        if outermost and default_connection.vendor == "postgresql":
            with default_connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        kept, true = stored(), recomputed()
    return {
        user: (kept.get(user), true.get(user))
        for user in sorted(kept.keys() | true.keys())
        if kept.get(user) != true.get(user)
    }


def repair() -> dict[int, tuple[Counts | None, Counts | None]]:
    """Rewrite every agent's counts from the tickets (and install the triggers if missing),
    under a lock that holds back ticket changes (on PostgreSQL) until the caller's
    transaction commits. Returns what was wrong."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("repair() must run inside transaction.atomic()")
    if default_connection.vendor == "postgresql":
        # Waits for the ticket writers in flight, holds back new ones until the commit.
        with default_connection.cursor() as cursor:
            cursor.execute("LOCK TABLE tickets_ticket IN SHARE MODE")
    if not installed():
        install()
    wrong = check()
    AgentLoad.objects.all().delete()
    backfill()
    return wrong
