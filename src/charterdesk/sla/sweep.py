"""The periodic sweep that finds warnings and breaches.

Due clocks are found through the partial indexes `clock_warning_sweep` and
`clock_breach_sweep` (never a scan of all tickets) and claimed with one conditional
`UPDATE … RETURNING` per batch, so running the sweep twice, or in two schedulers at once,
never warns or breaches a clock twice.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction

from charterdesk.core.sql import in_ids

from .actions import run_actions
from .models import SlaClock, SlaEvent, SlaEventKind

BATCH = 5_000

CLAIM = {
    SlaEventKind.WARNED: ("warned", "warn_at"),
    SlaEventKind.BREACHED: ("breached", "due_at"),
}


@dataclass
class SweepResult:
    warned: list[int] = field(default_factory=list)
    breached: list[int] = field(default_factory=list)


def sweep(now: datetime) -> SweepResult:
    """Warn and breach every clock that is due; returns the clock ids of each."""
    result = SweepResult()
    for kind, found in (
        (SlaEventKind.WARNED, result.warned),
        (SlaEventKind.BREACHED, result.breached),
    ):
        while True:
            with transaction.atomic():
                claimed = _claim(kind, now)
                if claimed:
                    _record(kind, claimed, now)
            found.extend(clock for clock, _ in claimed)
            if len(claimed) < BATCH:
                break
    return result


def _claim(kind: SlaEventKind, now: datetime) -> list[tuple[int, int]]:
    flag, column = CLAIM[kind]
    table = SlaClock._meta.db_table
    # The inner predicate is written as the partial index's, so both databases use it.
    sql = (
        f'UPDATE {table} SET "{flag}" = %s WHERE id IN ('  # noqa: S608 - names fixed above
        f'SELECT id FROM {table} WHERE "state" = \'active\' AND NOT "{flag}" '
        f'AND "{column}" <= %s ORDER BY "{column}" LIMIT %s) AND NOT "{flag}" '
        "RETURNING id, ticket_id"
    )
    when = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [True, when, BATCH])
        return [(row[0], row[1]) for row in cursor.fetchall()]


def _record(kind: SlaEventKind, claimed: list[tuple[int, int]], now: datetime) -> None:
    """One event per claimed clock, written by the database from the clock rows."""
    table, events = SlaClock._meta.db_table, SlaEvent._meta.db_table
    ids = [clock for clock, _ in claimed]
    where, params = in_ids("id", ids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {events} (clock_id, ticket_id, kind, at, due_at, "  # noqa: S608
            f"business_seconds_used, note) SELECT id, ticket_id, %s, %s, due_at, used_before, "
            f"'' FROM {table} WHERE {where}",
            [kind.value, connection.ops.adapt_datetimefield_value(now), *params],
        )
    run_actions(kind, ids, now)
