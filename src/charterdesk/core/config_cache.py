"""A per-process cache of configuration that rarely changes (plans and their terms,
contracts, business calendars, routing rules and queues, open incidents), correct across
processes.

Every write to a watched table gives `core_configgeneration.value` a new random number, in
the writer's own transaction: database triggers do it (installed after every `migrate`,
see config_triggers), so an ORM save, a bulk update, a cascade and raw SQL all count. A
process keeps what it read together with the generation it read it under, and reads again
once it sees another generation.

Seeing the generation costs no statement of its own on the API: the token lookup selects
it in the same statement (`generation_column()`) and `observe()` keeps it for the rest of
the request. Elsewhere the first `current()` of a request or of a `unit()` (a task, one
mail) reads it, one statement instead of the five or more it saves. A write to a watched
model by this process forgets the observation, so the same request sees its own change."""

import random
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db.models.expressions import RawSQL

from .models import ConfigGeneration

T = TypeVar("T")
TABLE = ConfigGeneration._meta.db_table
MAX_ENTRIES = 20_000  # entries kept per process (contracts are per organization)


class _State(threading.local):
    observed: int | None = None  # the generation seen in this request or unit
    depth = 0  # nested units (0: outside any)
    in_request = False


_state = _State()
_lock = threading.Lock()
_MISSING = object()
# The generation every entry was read under, and the entries: replaced as one, never
# emptied in place, so a reader in another thread sees one consistent pair.
_store: tuple[int | None, dict[Hashable, Any]] = (None, {})


def generation_column() -> RawSQL:
    """An expression selecting the generation, for `annotate()` on a read done anyway."""
    sql = f"SELECT value FROM {TABLE} WHERE id = 1"  # noqa: S608 - a constant table name
    return RawSQL(sql, ())  # noqa: S611 - no parameters


def observe(generation: int | None) -> None:
    """Record the generation a read of this request or unit selected."""
    if _state.in_request or _state.depth:
        _state.observed = generation


def forget() -> None:
    """Forget what this request saw (a new request, or this process wrote a watched row)."""
    _state.observed = None


def request_started(**_: object) -> None:
    _state.in_request, _state.observed = True, None


def request_finished(**_: object) -> None:
    _state.in_request, _state.observed = False, None


@contextmanager
def unit() -> Iterator[None]:
    """A unit of work outside a request (a task, one mail): the generation is read once."""
    _state.depth += 1
    try:
        yield
    finally:
        _state.depth -= 1
        if not _state.depth and not _state.in_request:
            _state.observed = None


def current() -> int | None:
    """The generation: as observed in this request or unit, else read. None when the row
    is missing (a flushed database): nothing is cached then."""
    if _state.observed is not None:
        return _state.observed
    generation = ConfigGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
    observe(generation)
    return generation


def cached(key: Hashable, load: Callable[[], T]) -> T:
    """`load()`'s value, read again only when the generation changed."""
    global _store
    generation = current()
    held, entries = _store
    if generation is not None and generation == held:
        value = entries.get(key, _MISSING)
        if value is not _MISSING:
            return value  # type: ignore[no-any-return]
    value = load()
    if generation is not None:
        with _lock:
            held, entries = _store
            if generation != held or len(entries) >= MAX_ENTRIES:
                entries = {}  # another generation: nothing older is of use
                _store = (generation, entries)
            entries[key] = value
    return value


def clear() -> None:
    """Drop every entry of this process (tests simulate another process with it)."""
    global _store
    with _lock:
        _store = (None, {})
    forget()


def new_value() -> int:
    return random.randrange(1, 2**62)  # noqa: S311 - a label, not a secret
