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
model by this process forgets the observation, so the same request sees its own change.

Two generations, kept apart so that busy tables do not empty the other's entries:
CONFIGURATION (row 1: plans, contracts, calendars, routing, incidents) and PEOPLE (row 2:
contacts and organizations, which mail intake creates as it goes). Every function takes
the generation's `scope`, CONFIGURATION by default."""

import random
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db.models.expressions import RawSQL

from .models import ConfigGeneration

T = TypeVar("T")
TABLE = ConfigGeneration._meta.db_table
MAX_ENTRIES = 20_000  # entries kept per process and scope (contracts are per organization)
CONFIGURATION, PEOPLE = 1, 2  # scopes: the id of their generation's row
SCOPES = (CONFIGURATION, PEOPLE)


class _State(threading.local):
    depth = 0  # nested units (0: outside any)
    in_request = False

    def __init__(self) -> None:
        self.observed: dict[int, int | None] = {}  # scope: the generation seen in this request


_state = _State()
_lock = threading.Lock()
_MISSING = object()
# Per scope, the generation every entry was read under and the entries: replaced as one,
# never emptied in place, so a reader in another thread sees one consistent pair.
_stores: dict[int, tuple[int | None, dict[Hashable, Any]]] = {scope: (None, {}) for scope in SCOPES}


def generation_column(scope: int = CONFIGURATION) -> RawSQL:
    """An expression selecting the generation, for `annotate()` on a read done anyway."""
    sql = f"SELECT value FROM {TABLE} WHERE id = {int(scope)}"  # noqa: S608 - constants
    return RawSQL(sql, ())  # noqa: S611 - no parameters


def observe(generation: int | None, scope: int = CONFIGURATION) -> None:
    """Record the generation a read of this request or unit selected."""
    if _state.in_request or _state.depth:
        _state.observed[scope] = generation


def observed(scope: int = CONFIGURATION) -> int | None:
    """The generation seen in this request or unit, without reading it (None: not seen)."""
    return _state.observed.get(scope)


def forget(scope: int | None = None) -> None:
    """Forget what this request saw (a new request, or this process wrote a watched row of
    `scope`; None: every scope)."""
    if scope is None:
        _state.observed = {}
    else:
        _state.observed.pop(scope, None)


def request_started(**_: object) -> None:
    _state.in_request, _state.observed = True, {}


def request_finished(**_: object) -> None:
    _state.in_request, _state.observed = False, {}


@contextmanager
def unit() -> Iterator[None]:
    """A unit of work outside a request (a task, one mail): the generation is read once."""
    _state.depth += 1
    try:
        yield
    finally:
        _state.depth -= 1
        if not _state.depth and not _state.in_request:
            _state.observed = {}


def current(scope: int = CONFIGURATION) -> int | None:
    """The generation: as observed in this request or unit, else read. None when the row
    is missing (a flushed database): nothing is cached then."""
    seen = _state.observed.get(scope)
    if seen is not None:
        return seen
    generation = ConfigGeneration.objects.filter(pk=scope).values_list("value", flat=True).first()
    observe(generation, scope)
    return generation


def cached(key: Hashable, load: Callable[[], T], scope: int = CONFIGURATION) -> T:
    """`load()`'s value, read again only when the scope's generation changed."""
    generation = current(scope)
    held, entries = _stores[scope]
    if generation is not None and generation == held:
        value = entries.get(key, _MISSING)
        if value is not _MISSING:
            return value  # type: ignore[no-any-return]
    value = load()
    if generation is not None:
        with _lock:
            held, entries = _stores[scope]
            if generation != held or len(entries) >= MAX_ENTRIES:
                entries = {}  # another generation: nothing older is of use
                _stores[scope] = (generation, entries)
            entries[key] = value
    return value


_cleared: list[Callable[[], None]] = []


def on_clear(forget_too: Callable[[], None]) -> None:
    """Also call `forget_too` whenever the cache is cleared (after a migration or a test
    database's flush): for other per-process memories of what the database holds."""
    _cleared.append(forget_too)


def clear() -> None:
    """Drop every entry of this process (tests simulate another process with it)."""
    with _lock:
        for scope in SCOPES:
            _stores[scope] = (None, {})
    forget()
    for forget_too in _cleared:
        forget_too()


def new_value() -> int:
    return random.randrange(1, 2**62)  # noqa: S311 - a label, not a secret
