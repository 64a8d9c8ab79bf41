"""Small helpers for the few hand-written SQL statements (bulk paths)."""

from collections.abc import Sequence
from typing import Any

from django.db import connection


def in_ids(column: str, ids: Sequence[int]) -> tuple[str, list[Any]]:
    """`column` is one of `ids`: one array parameter on PostgreSQL, a list elsewhere."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(ids)]
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", list(ids)
