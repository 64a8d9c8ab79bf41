"""A new ticket's clocks and their first SLA events in one statement on PostgreSQL.

A data-modifying CTE inserts the clocks (the ORM's own INSERT, so every field is prepared
as `bulk_create` would) and, from their new ids, their events (one or more a clock, in the
order given: a clock held at opening is activated, then paused); it answers the clocks'
ids in the order given. SQLite has no data-modifying CTE: there the caller writes the two
INSERTs (store.add, store.log). Rows come back from `INSERT … VALUES … RETURNING` in the
order of the VALUES on PostgreSQL, which `bulk_create` relies on too."""

from django.db import connection
from django.db.models import Model
from django.db.models.sql import InsertQuery

from .models import SlaClock, SlaEvent

EVENT_COLUMNS = ("ticket", "kind", "at", "due_at", "business_seconds_used", "note", "reason")
EVENT_TYPES = ("bigint", "text", "timestamptz", "timestamptz", "bigint", "text", "text")


def insert_with_events(clocks: list[SlaClock], events: list[SlaEvent]) -> None:
    """Insert `clocks` (all new, of one ticket) and `events` (each logs one of `clocks`,
    its `clock`), the events in the order given; sets the clocks' ids and marks both as
    saved, as `bulk_create` does."""
    fields = [f for f in SlaClock._meta.concrete_fields if not f.primary_key]
    query = InsertQuery(SlaClock)
    rows: list[Model] = list(clocks)
    query.insert_values(fields, rows)
    [(clock_sql, clock_params)] = query.get_compiler(connection=connection).as_sql()
    by_name = {f.name: f for f in SlaEvent._meta.concrete_fields}
    event_fields = [by_name[name] for name in EVENT_COLUMNS]
    row = "(%s::int, %s::int, " + ", ".join(f"%s::{kind}" for kind in EVENT_TYPES) + ")"
    values = ", ".join([row] * len(events))
    names = ", ".join(f'"{f.column}"' for f in event_fields)
    table = SlaEvent._meta.db_table
    sql = (  # names from the models, every value a parameter
        f'WITH clock AS ({clock_sql} RETURNING "id"), '  # noqa: S608
        "numbered AS (SELECT id, row_number() OVER () AS n FROM clock), "
        f'logged AS (INSERT INTO "{table}" ("clock_id", {names}) '
        f"SELECT numbered.id, {names} FROM numbered "
        f"JOIN (VALUES {values}) AS v (n, k, {names}) USING (n) ORDER BY v.k) "
        "SELECT id FROM numbered ORDER BY n"
    )
    params = list(clock_params)
    position = {id(clock): n for n, clock in enumerate(clocks, start=1)}
    for k, event in enumerate(events, start=1):
        params += [position[id(event.clock)], k]
        params += [f.get_db_prep_save(getattr(event, f.attname), connection) for f in event_fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = [clock_id for (clock_id,) in cursor.fetchall()]
    for clock, clock_id in zip(clocks, ids, strict=True):
        clock.pk = clock_id
        clock._state.adding, clock._state.db = False, connection.alias
    for event in events:
        event.clock = event.clock  # its clock_id, now known
        event._state.adding, event._state.db = False, connection.alias
