"""Choice lists read once per page: the queues, the agents, … that several forms of one
page offer (the desk's ticket page draws the queue in the properties and the escalation
forms, the agents in the properties, promise and swarm forms).

A field declared with `SharedModelChoiceField(queryset, shared="queues")` reads its
choices from the page's list of that name while `choice_lists_shared()` is active (the
page's rendering), read from the database the first time a form asks for it; everywhere
else it is a plain `ModelChoiceField`. A form that narrows the field's queryset afterwards
(`field.queryset = …`) has a list of its own again. Validation always asks the database.

The page's read of a list is compiled once per connection (core.prepared, issue #13): the
list's queryset is the same on every page (fields of one name have the same queryset), so
only its rows are read anew, never kept from one page to the next.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.forms.models import ModelChoiceField

from .listed_choices import ListedChoiceIterator
from .prepared import Prepared

_lists: ContextVar[dict[str, list[Any]] | None] = ContextVar("choice_lists", default=None)
_reads: dict[str, Prepared[Any]] = {}  # each shared list's read, compiled once


def _read(name: str, queryset: Any) -> list[Any]:
    read = _reads.get(name)
    if read is None:
        kept = queryset.all()
        read = _reads.setdefault(name, Prepared(lambda: kept.all()))
    return read()


@contextmanager
def choice_lists_shared() -> Iterator[None]:
    """While active (in this thread), shared fields of the same name read one list."""
    token = _lists.set({})
    try:
        yield
    finally:
        _lists.reset(token)


class _SharedChoiceIterator(ListedChoiceIterator):
    def _objects(self) -> list[Any] | None:
        name, lists = getattr(self.field, "shared", None), _lists.get()
        if name is None or lists is None:
            return None
        if name not in lists:
            lists[name] = _read(name, self.queryset)
        return lists[name]

    def __iter__(self) -> Iterator[Any]:
        objects = self._objects()
        if objects is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in objects:
            yield self.choice(obj)

    def __len__(self) -> int:
        objects = self._objects()
        if objects is None:
            return super().__len__()
        return len(objects) + (1 if self.field.empty_label is not None else 0)

    def __bool__(self) -> bool:
        objects = self._objects()
        if objects is None:
            return super().__bool__()
        return self.field.empty_label is not None or bool(objects)


class SharedModelChoiceField(ModelChoiceField):
    """A model choice field whose choices a page reads once for all its forms (`shared`:
    the list's name; fields of one name must have the same queryset)."""

    iterator = _SharedChoiceIterator

    def __init__(self, queryset: Any, *, shared: str, **kwargs: Any) -> None:
        super().__init__(queryset, **kwargs)
        self.shared: str | None = shared

    def _set_shared_queryset(self, queryset: Any) -> None:
        ModelChoiceField._set_queryset(self, queryset)  # type: ignore[attr-defined]
        self.shared = None  # narrowed by the form: its own list

    queryset = property(ModelChoiceField._get_queryset, _set_shared_queryset)  # type: ignore[attr-defined]

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        result = super().__deepcopy__(memo)
        result.shared = self.shared
        return result
