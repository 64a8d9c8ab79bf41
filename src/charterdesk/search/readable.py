"""A reader's permissions as a read of fixed shape, so that the reads asking them can be
compiled once per process (core.prepared) instead of on every search.

`documents.similar` takes `allowed` as a QuerySet (built and compiled on every call) or
as a `Readable`: `build(*args)` gives the same QuerySet, and every reader with the same
`shape` gets the same SQL but for `args` (ints and strings, in `kinds`). The owner of the
kind promises that: `shape` holds everything its SQL depends on besides `args` (a
reader's visibilities, whether they have a plan, ...), and `build` depends on nothing
else (the reads are keyed by `shape`, not by `build`).
"""

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet


@dataclass(frozen=True)
class Readable:
    shape: Hashable
    build: Callable[..., QuerySet[Any, Any]]
    args: tuple[Any, ...]
    kinds: tuple[type, ...]

    def queryset(self) -> QuerySet[Any, Any]:
        """The QuerySet of the owning model's rows the reader may read."""
        return self.build(*self.args)


Allowed = QuerySet[Any, Any] | Readable | None


def as_queryset(allowed: Allowed) -> QuerySet[Any, Any] | None:
    """`allowed` as the search engine takes it: a QuerySet of pks, or None for all."""
    if isinstance(allowed, Readable):
        return allowed.queryset().values("pk")
    return allowed
