"""`charterdesk search rebuild`: refill the indexes from the records they index.

Tickets: the triggers reinstalled, then every ticket's row recomputed in batches of ids,
each batch in its own transaction (a write meanwhile is indexed by the triggers, so
nothing is missed or stale), and the vocabulary relearned; on SQLite the FTS5 segments
the batches wrote are merged at the end (merge.py). Documents of a kind: the
owner's `rebuild` in one transaction, so searches never see the kind half empty."""

from collections.abc import Callable

from django.db import transaction
from django.db.models import Max

from charterdesk.tickets.models import Message, Ticket

from . import documents, index, merge, ticket_index, vocabulary

TICKETS = "tickets"
BATCH = 2_000


def kinds() -> list[str]:
    return [TICKETS, *sorted(documents.kinds())]


def count(kind: str) -> int:
    if kind == TICKETS:
        return Ticket.objects.count()
    return documents.kinds()[kind].count()


def rebuild(kind: str, progress: Callable[[int], object]) -> int:
    if kind != TICKETS:
        with transaction.atomic(durable=True):
            return documents.rebuild(kind, progress)
    with transaction.atomic(durable=True):
        ticket_index.install()
    last = Ticket.objects.aggregate(last=Max("pk"))["last"] or 0
    done = 0
    for first in range(0, last + 1, BATCH):
        with transaction.atomic(durable=True):
            ticket_index.refill(first=first, last=first + BATCH - 1)
            _relearn(first, first + BATCH - 1)
        batch = Ticket.objects.filter(pk__gte=first, pk__lt=first + BATCH).count()
        done += batch
        progress(batch)
    merge.merge_segments(index.TICKETS)  # SQLite: one segment per batch, merged now
    return done


def _relearn(first: int, last: int) -> None:
    subjects = Ticket.objects.filter(pk__range=(first, last)).values_list("subject", flat=True)
    bodies = Message.objects.filter(ticket_id__gte=first, ticket_id__lte=last).values_list(
        "body", flat=True
    )
    vocabulary.remember([*subjects, *bodies])
