"""A reader's permissions as a read of fixed shape, so that the reads asking them can be
compiled once per process (core.prepared) instead of on every search.

`documents.similar` takes `allowed` as a QuerySet (built and compiled on every call) or
as a `Readable`: `build(*args)` gives the same QuerySet, and every reader with the same
`shape` gets the same SQL but for `args` (ints and strings, in `kinds`). The owner of the
kind promises that: `shape` holds everything its SQL depends on besides `args` (a
reader's visibilities, whether they have a plan, ...), and `build` depends on nothing
else (the reads are keyed by `shape`, not by `build`).
"""

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from charterdesk.core.prepared import Prepared

# The reads among ids, compiled once per process for each (what, shape, number of ids).
_reads: dict[tuple[Hashable, Hashable, int], Prepared[Any]] = {}


@dataclass(frozen=True)
class Readable:
    shape: Hashable
    build: Callable[..., QuerySet[Any, Any]]
    args: tuple[Any, ...]
    kinds: tuple[type, ...]

    def queryset(self) -> QuerySet[Any, Any]:
        """The QuerySet of the owning model's rows the reader may read."""
        return self.build(*self.args)

    def among(
        self,
        what: Hashable,
        ids: Sequence[int],
        read: Callable[[QuerySet[Any, Any], Sequence[int]], QuerySet[Any, Any]],
    ) -> list[Any]:
        """The rows of `read(the reader's rows, ids)`, by SQL compiled once per process for
        each `what`, shape and number of ids. `what` names the read and everything it
        depends on besides the permissions and the ids (the reads are keyed by it)."""
        key = (what, self.shape, len(ids))
        prepared = _reads.get(key)
        if prepared is None:
            build, given = self.build, len(self.args)

            def rows(*args: Any) -> QuerySet[Any, Any]:
                return read(build(*args[:given]), args[given:])

            prepared = _reads.setdefault(key, Prepared(rows, *self.kinds, *[int] * len(ids)))
        return list(prepared(*self.args, *ids))


Allowed = QuerySet[Any, Any] | Readable | None


def as_queryset(allowed: Allowed) -> QuerySet[Any, Any] | None:
    """`allowed` as the search engine takes it: a QuerySet of pks, or None for all."""
    if isinstance(allowed, Readable):
        return allowed.queryset().values("pk")
    return allowed
