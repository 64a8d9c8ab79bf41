"""Choice lists read in one query.

Django's `ModelChoiceIterator` reads a field's choices with `queryset.iterator()`, which
on PostgreSQL opens a server-side cursor: DECLARE, describe, FETCH, an empty FETCH and
CLOSE, five round trips for a list of a few queues (issue #13: two lists took 8 of the
ticket page's 43 round trips, and as many of the queue page's). A choice list is drawn
whole into the page, so reading it in one query keeps nothing more in memory than the
page does. Every model choice field uses this iterator (`CoreConfig.ready` sets it as
`ModelChoiceField.iterator`, Django's documented hook); validation is unchanged (it asks
the database for the one chosen value).
"""

from collections.abc import Iterator
from typing import Any

from django.forms.models import ModelChoiceIterator


class ListedChoiceIterator(ModelChoiceIterator):
    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        queryset = self.queryset
        if not queryset._prefetch_related_lookups:  # type: ignore[attr-defined]
            queryset = queryset.all()  # read afresh each time, as Django does, in one query
        for obj in queryset:
            yield self.choice(obj)
