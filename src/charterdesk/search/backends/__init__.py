"""The database backends of the search engine: one per database vendor, same signature.

    run(spec, query, request) -> list[Row]

A dedicated engine (OpenSearch, Meilisearch) would be a third module with this signature,
fed by the same writes (see docs/search.md)."""

from typing import Protocol

from django.db import connection

from ..index import IndexSpec
from ..query import Query
from . import postgresql, sqlite
from .base import Request, Row


class Backend(Protocol):
    def run(self, spec: IndexSpec, query: Query, request: Request) -> list[Row]: ...


def current() -> Backend:
    """The backend of the database in use."""
    return postgresql if connection.vendor == "postgresql" else sqlite
