"""Work on many rows a few hundred at a time: chunks of a sequence, and rows written back
in one UPDATE per chunk."""

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Model

from .sql import in_ids

T = TypeVar("T")


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """`items` in consecutive slices of at most `size` (none for an empty sequence)."""
    if size < 1:
        raise ValueError("a chunk holds at least one item")
    for start in range(0, len(items), size):
        yield items[start : start + size]


def update_rows(
    model: type[Model], rows: Sequence[Model], fields: Sequence[str], size: int = 200
) -> None:
    """Write `fields` of saved `rows` back, one `UPDATE … SET f = CASE id WHEN … END` per
    chunk of `size` rows: what `bulk_update` does, without the ORM expression it builds for
    every value (milliseconds a row, most of a bulk action's time when it was used)."""
    meta = model._meta
    quote = connection.ops.quote_name
    pk_column = quote(str(meta.pk.column))  # type: ignore[union-attr]
    columns: list[Any] = [meta.get_field(name) for name in fields]
    for part in chunks(rows, size):
        sets, params = [], []
        for column in columns:
            whens = " ".join(f"WHEN %s THEN {_typed(column)}" for _ in part)
            sets.append(f"{quote(column.column)} = CASE {pk_column} {whens} END")
            for row in part:
                params += [
                    row.pk,
                    column.get_db_prep_save(getattr(row, column.attname), connection),
                ]
        where, ids = in_ids(pk_column, [row.pk for row in part])
        sql = f"UPDATE {quote(meta.db_table)} SET {', '.join(sets)} WHERE {where}"  # noqa: S608 - quoted names, bound values
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *ids])


def _typed(column: Any) -> str:
    """A bound value typed as its column: PostgreSQL cannot type a NULL in a CASE by itself
    (SQLite needs no cast, and a CAST there would turn a date into a number)."""
    if connection.vendor == "postgresql":
        return f"CAST(%s AS {column.cast_db_type(connection)})"
    return "%s"
