"""Which tickets are similar: the same category, or a significant word of the subject.

A ticket belongs to its category's cluster (when it has one) and to one cluster per
significant word of its subject (four letters or more, not a stop word, not a number).
Each cluster is counted over the window and over the same window in past weeks (the
usual count for that hour of the week); that the usual count is learned per cluster is
what keeps everyday words ("error", "account") from raising spikes."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Q

from charterdesk.tickets.models import Ticket

from ..terms import significant_terms
from .models import ClusterKind

Key = tuple[str, str]  # (kind, key): ("category", "12") or ("term", "webhook")


@dataclass(frozen=True)
class Seen:
    """One ticket of the window, as the detector reads it."""

    id: int
    organization_id: int | None
    category_id: int | None
    subject: str


@dataclass
class Cluster:
    kind: str
    key: str
    label: str
    tickets: list[Seen] = field(default_factory=list)

    @property
    def organizations(self) -> set[int]:
        return {t.organization_id for t in self.tickets if t.organization_id is not None}


def keys_of(category_id: int | None, subject: str) -> set[Key]:
    keys = {(ClusterKind.TERM.value, term) for term in significant_terms(subject)}
    if category_id is not None:
        keys.add((ClusterKind.CATEGORY.value, str(category_id)))
    return keys


def window_tickets(since: datetime, until: datetime) -> list[Seen]:
    """The tickets created in the window (not the duplicates merged into another), in one
    query."""
    rows = Ticket.objects.filter(
        created_at__gte=since, created_at__lt=until, merged_into__isnull=True
    ).values_list("id", "organization_id", "category_id", "subject")
    return [Seen(*row) for row in rows]


def clusters_of(tickets: Iterable[Seen], labels: dict[int, str]) -> dict[Key, Cluster]:
    clusters: dict[Key, Cluster] = {}
    for ticket in tickets:
        for kind, key in keys_of(ticket.category_id, ticket.subject):
            if (kind, key) not in clusters:
                label = labels.get(int(key), key) if kind == ClusterKind.CATEGORY else key
                clusters[kind, key] = Cluster(kind, key, label)
            clusters[kind, key].tickets.append(ticket)
    return clusters


def usual_counts(
    keys: Iterable[Key], since: datetime, until: datetime, weeks: int
) -> dict[Key, float]:
    """The mean count of each cluster in the same window of the `weeks` weeks before:
    one query over those windows (their tickets only), counted here."""
    wanted = set(keys)
    if not wanted:
        return {}
    windows = Q()
    for week in range(1, weeks + 1):
        back = timedelta(weeks=week)
        windows |= Q(created_at__gte=since - back, created_at__lt=until - back)
    counts: dict[Key, int] = defaultdict(int)
    rows = Ticket.objects.filter(windows, merged_into__isnull=True).values_list(
        "category_id", "subject"
    )
    for category_id, subject in rows.iterator(chunk_size=5000):
        for key in keys_of(category_id, subject) & wanted:
            counts[key] += 1
    return {key: counts[key] / weeks for key in wanted}
