"""Plain multi-row INSERTs for the import: the ORM's bulk_create spends most of its time
building SQL value by value, which at 100,000 tickets is most of the import. The rows
here are tuples in the order of `columns`; datetimes are adapted once per value."""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from django.db import connection, models

CHUNK = 1_000


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys of `model`'s table, inside the caller's transaction (on
    SQLite it holds the write lock: transactions start IMMEDIATE)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        last = int(cursor.fetchone()[0])
    return list(range(last + 1, last + 1 + count))


def insert(
    model: type[models.Model], columns: Sequence[str], rows: list[tuple[object, ...]]
) -> None:
    """INSERT the rows (tuples in the order of `columns`, model field names)."""
    if not rows:
        return
    meta = model._meta
    names = ", ".join(connection.ops.quote_name(_column(meta.get_field(c))) for c in columns)
    table = connection.ops.quote_name(meta.db_table)
    marks = "(" + ", ".join(["%s"] * len(columns)) + ")"
    adapt = _naive_utc if connection.vendor == "sqlite" else _same
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            batch = rows[start : start + CHUNK]
            values: list[Any] = [
                adapt(cell) if isinstance(cell, datetime) else cell for row in batch for cell in row
            ]
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES {', '.join([marks] * len(batch))}",  # noqa: S608
                values,
            )


def _column(field: object) -> str:
    column = getattr(field, "column", None)
    if not isinstance(column, str):
        raise ValueError(f"{field} is not a column")
    return column


def _naive_utc(when: datetime) -> str:
    """How Django stores a datetime on SQLite: UTC, without an offset, as text."""
    return when.astimezone(UTC).replace(tzinfo=None).isoformat(" ")


def _same(when: datetime) -> datetime:
    return when
