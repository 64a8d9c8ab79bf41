"""Where the volume comes from: tickets created in a period counted by one dimension, and
the topics growing against their baseline. Each table is one GROUP BY query."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractHour, ExtractWeekDay

from charterdesk.core.vocabulary import Channel, RequestType
from charterdesk.search.query import STOPWORDS, words_of
from charterdesk.tickets.models import Ticket

from .periods import Period

WEEKDAYS = {2: "Monday", 3: "Tuesday", 4: "Wednesday", 5: "Thursday", 6: "Friday",
            7: "Saturday", 1: "Sunday"}  # fmt: skip
RECENT_DAYS, BASELINE_DAYS = 7, 28
MIN_RECENT = 5  # a topic trends only with at least this many tickets in the last 7 days
TERMS_SAMPLE = 20_000  # subjects read for the frequent terms, newest first


@dataclass(frozen=True)
class Dimension:
    key: str
    title: str
    group: str  # the value grouped on (an annotation or a field)
    label: str  # the field read as its label ("" : the value itself, or `labels`)
    labels: dict[Any, str]


DIMENSIONS = {
    d.key: d
    for d in (
        Dimension("request_type", "Request type", "request_type", "", dict(RequestType.choices)),
        Dimension("category", "Category", "category_id", "category__path", {}),
        Dimension("channel", "Channel", "channel", "", dict(Channel.choices)),
        Dimension("organization", "Organization", "organization_id", "organization__name", {}),
        Dimension("product", "Product", "product", "", {}),
        Dimension("hour", "Hour of day", "hour", "", {h: f"{h:02d}:00" for h in range(24)}),
        Dimension("weekday", "Weekday", "weekday", "", WEEKDAYS),
    )
}
TOP = 25  # rows shown per table (CSV: all)


@dataclass(frozen=True)
class Row:
    value: object  # what the drill-down filters on (None: "none")
    label: str
    count: int


def created_in(period: Period) -> QuerySet[Ticket]:
    return Ticket.objects.filter(created_at__gte=period.since, created_at__lt=period.until)


def grouped(tickets: QuerySet[Ticket], dimension: Dimension) -> list[Row]:
    """One query: the tickets counted per value of the dimension, largest first (hours and
    weekdays in their own order)."""
    annotated = with_time_parts(tickets)
    fields = [dimension.group, *([dimension.label] if dimension.label else [])]
    counted = annotated.values(*fields).annotate(n=Count("id")).order_by("-n", dimension.group)
    rows = [
        Row(
            r[dimension.group],
            _label(dimension, r[dimension.label] if dimension.label else r[dimension.group]),
            r["n"],
        )
        for r in counted
    ]
    if dimension.key in ("hour", "weekday"):
        order = list(dimension.labels)
        rows.sort(key=lambda r: order.index(r.value) if r.value in order else len(order))
    return rows


def _label(dimension: Dimension, value: object) -> str:
    if value in (None, ""):
        return "(none)"
    return dimension.labels.get(value, str(value))


def with_time_parts(tickets: QuerySet[Ticket]) -> QuerySet[Ticket]:
    """The hour of day and weekday of creation, in the desk's time zone."""
    return tickets.annotate(hour=ExtractHour("created_at"), weekday=ExtractWeekDay("created_at"))


def by_dimension(dimension: Dimension, value: str) -> Q:
    """The drill-down's filter: the tickets behind one row of a table ("none": no value).
    ValueError for a value the dimension cannot have."""
    if dimension.key in ("hour", "weekday"):
        number = int(value)
        if number not in dimension.labels:
            raise ValueError(value)
        return Q(**{dimension.key: number})
    if dimension.key == "product":
        return Q(product="" if value == "none" else value)
    if value == "none":
        return Q(**{f"{dimension.group}__isnull": True})
    if dimension.group.endswith("_id"):
        return Q(**{dimension.group: int(value)})
    return Q(**{dimension.group: value})


@dataclass(frozen=True)
class Trend:
    value: object
    label: str
    recent: int
    baseline: int

    @property
    def growth(self) -> float:
        """Recent daily rate over the baseline's daily rate (a new topic: its recent count)."""
        base = self.baseline / BASELINE_DAYS
        rate = self.recent / RECENT_DAYS
        return rate / base if base else float(self.recent)


def trending_categories(now: datetime, limit: int = 10) -> list[Trend]:
    """Categories with at least MIN_RECENT tickets in the last 7 days, growing against the
    28 days before: one query with two filtered counts."""
    recent_from = now - timedelta(days=RECENT_DAYS)
    base_from = recent_from - timedelta(days=BASELINE_DAYS)
    rows = (
        Ticket.objects.filter(created_at__gte=base_from, created_at__lt=now, category__isnull=False)
        .values("category_id", path=F("category__path"))
        .annotate(
            recent=Count("id", filter=Q(created_at__gte=recent_from)),
            baseline=Count("id", filter=Q(created_at__lt=recent_from)),
        )
        .filter(recent__gte=MIN_RECENT)
    )
    trends = [Trend(r["category_id"], r["path"], r["recent"], r["baseline"]) for r in rows]
    return sorted((t for t in trends if t.growth > 1), key=lambda t: -t.growth)[:limit]


def trending_terms(now: datetime, limit: int = 10) -> list[Trend]:
    """Words of subjects growing like the categories above. The subjects of the 35 days
    are read in one query (at most TERMS_SAMPLE, newest first) and counted here."""
    recent_from = now - timedelta(days=RECENT_DAYS)
    base_from = recent_from - timedelta(days=BASELINE_DAYS)
    subjects = (
        Ticket.objects.filter(created_at__gte=base_from, created_at__lt=now)
        .order_by("-created_at")
        .values_list("subject", "created_at")[:TERMS_SAMPLE]
    )
    recent: Counter[str] = Counter()
    baseline: Counter[str] = Counter()
    for subject, created in subjects:
        words = {w for w in words_of(subject) if len(w) > 3 and w.isalpha() and w not in STOPWORDS}
        (recent if created >= recent_from else baseline).update(words)
    trends = [Trend(w, w, n, baseline[w]) for w, n in recent.items() if n >= MIN_RECENT]
    return sorted((t for t in trends if t.growth > 1), key=lambda t: (-t.growth, t.label))[:limit]
