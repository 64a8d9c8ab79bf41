"""Hooks: how a lower app lets higher ones react to what it does, without importing them.

The lower app owns a `Hook` and calls it; a higher app registers a handler in its
`AppConfig.ready`. A registration that cannot work (not callable, a handler that does not
take the hook's one argument, the same handler twice) raises `ImproperlyConfigured` at
start-up instead of failing on the first ticket.

    # tickets/hooks.py (owner)          # sla/apps.py (listener)
    ticket_changed = Hook("ticket_changed")  def ready(self):
    ...                                     ticket_changed.register(on_ticket_changed)
    ticket_changed.announce(change)
"""

import inspect
from collections.abc import Callable
from typing import Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")


def check_handler(owner: str, handler: object) -> None:
    """A handler must be callable with exactly one argument; `ImproperlyConfigured` now,
    naming `owner`, instead of a failure on first use. Registries other than `Hook` (such
    as the SLA actions) check their handlers with this too."""
    if not callable(handler):
        raise ImproperlyConfigured(f"{owner}: {handler!r} is not callable")
    try:
        inspect.signature(handler).bind(None)
    except TypeError as exc:
        name = getattr(handler, "__qualname__", repr(handler))
        raise ImproperlyConfigured(f"{owner}: {name} must take exactly one argument") from exc


class Hook(Generic[T]):
    """An announcement with one typed argument, heard by handlers in registration order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._handlers: list[Callable[[T], object]] = []

    def register(self, handler: Callable[[T], object]) -> Callable[[T], object]:
        """Add a handler (usable as a decorator); checked now, not on first use."""
        check_handler(self.name, handler)
        if handler in self._handlers:
            raise ImproperlyConfigured(f"{self.name}: {handler.__qualname__} registered twice")
        self._handlers.append(handler)
        return handler

    def announce(self, event: T) -> None:
        """Call every handler, in registration order, inside the caller's transaction."""
        for handler in self._handlers:
            handler(event)

    @property
    def handlers(self) -> tuple[Callable[[T], object], ...]:
        return tuple(self._handlers)
