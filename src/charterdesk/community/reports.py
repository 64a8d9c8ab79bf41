"""The community report's figures, each one SQL aggregate over a period (topics created
in it): questions left unanswered, time to first answer, who answers (staff or members),
topics turned into tickets, top contributors, and topics per week for the chart."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone

from .models import Post, Review, Topic, TopicKind

DAY = timedelta(hours=24)


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        zone = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, zone),
            datetime.combine(self.end + timedelta(days=1), time.min, zone),
        )


@dataclass(frozen=True)
class Summary:
    topics: int
    questions: int
    unanswered: int  # questions without a reply from someone else
    unresolved: int  # questions without an accepted answer
    answered_in_a_day: int
    average_first_reply: timedelta | None
    accepted_by_staff: int
    accepted_by_members: int
    to_tickets: int
    to_articles: int

    def share(self, part: int, whole: int) -> int:
        return round(100 * part / whole) if whole else 0

    @property
    def staff_share(self) -> int:
        return self.share(self.accepted_by_staff, self.accepted_by_staff + self.accepted_by_members)


def _topics(period: Period) -> QuerySet[Topic]:
    start, end = period.bounds
    return Topic.objects.filter(
        created_at__gte=start, created_at__lt=end, merged_into__isnull=True
    ).exclude(review=Review.REJECTED)


def summary(period: Period) -> Summary:
    question = Q(kind=TopicKind.QUESTION)
    wait = ExpressionWrapper(F("first_reply_at") - F("created_at"), output_field=DurationField())
    row = _topics(period).aggregate(
        topics=Count("pk"),
        questions=Count("pk", filter=question),
        unanswered=Count("pk", filter=question & Q(first_reply_at__isnull=True)),
        unresolved=Count("pk", filter=question & Q(accepted__isnull=True)),
        in_a_day=Count("pk", filter=Q(first_reply_at__lte=F("created_at") + DAY)),
        average=Avg(wait, filter=Q(first_reply_at__isnull=False)),
        by_staff=Count("pk", filter=Q(accepted__by_staff=True)),
        by_members=Count("pk", filter=Q(accepted__by_staff=False)),
        tickets=Count("pk", filter=Q(ticket__isnull=False)),
        articles=Count("pk", filter=Q(article__isnull=False)),
    )
    average = row["average"]
    if average is not None and not isinstance(average, timedelta):
        average = timedelta(microseconds=float(average))  # SQLite: microseconds
    return Summary(
        row["topics"], row["questions"], row["unanswered"], row["unresolved"], row["in_a_day"],
        average, row["by_staff"], row["by_members"], row["tickets"], row["articles"],
    )  # fmt: skip


def top_contributors(period: Period, limit: int = 10) -> list[dict[str, Any]]:
    """Members with the most visible replies in the period, with their accepted answers."""
    start, end = period.bounds
    rows: Any = (
        Post.objects.filter(
            created_at__gte=start, created_at__lt=end, number__gt=1, review=Review.VISIBLE
        )
        .values("author_id", "author__name", "author__email", "by_staff")
        .annotate(replies=Count("pk"), accepted=Count("topic", filter=Q(topic__accepted=F("pk"))))
        .order_by("-accepted", "-replies", "author_id")[:limit]
    )
    return list(rows)


def topics_by_week(period: Period) -> list[tuple[date, int, int]]:
    """(week, topics started, of them with a reply) per week of the period."""
    rows = (
        _topics(period)
        .annotate(week=TruncWeek("created_at"))
        .values("week")
        .annotate(n=Count("pk"), replied=Count("pk", filter=Q(first_reply_at__isnull=False)))
        .order_by("week")
    )
    return [(_day(r["week"]), r["n"], r["replied"]) for r in rows]


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def unanswered_now(limit: int = 10) -> QuerySet[Topic]:
    """The oldest questions still waiting for a first reply."""
    return (
        Topic.objects.filter(
            kind=TopicKind.QUESTION,
            first_reply_at__isnull=True,
            review=Review.VISIBLE,
            merged_into__isnull=True,
        )  # fmt: skip
        .select_related("category")
        .order_by("created_at")[:limit]
    )
