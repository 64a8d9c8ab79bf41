"""The knowledge-base report for managers, aggregated in the database: deflection overall,
by week and per article, searches that found nothing, articles with poor feedback, stale
articles and the self-service score."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.utils import timezone

from charterdesk.tickets.models import Ticket

from .models import (
    Article,
    ArticleState,
    HelpSearch,
    HelpVisit,
    SuggestionAttempt,
    SuggestionShown,
)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))


@dataclass(frozen=True)
class Deflection:
    attempts: int
    explicit: int
    implicit: int
    sent: int

    @property
    def rate(self) -> int | None:
        return (
            round(100 * (self.explicit + self.implicit) / self.attempts) if self.attempts else None
        )


def _attempts(period: Period) -> QuerySet[SuggestionAttempt]:
    opened = SuggestionShown.objects.filter(attempt=OuterRef("pk"), opened_at__isnull=False)
    return SuggestionAttempt.objects.filter(
        started_at__gte=period.since, started_at__lt=period.until
    ).annotate(opened=Exists(opened))


def _outcomes() -> dict[str, Count]:
    return {
        "attempts": Count("pk"),
        "explicit": Count("pk", filter=Q(solved_by__isnull=False)),
        "implicit": Count("pk", filter=Q(solved_by__isnull=True, ticket__isnull=True, opened=True)),
        "sent": Count("pk", filter=Q(ticket__isnull=False)),
    }


def deflection(period: Period) -> Deflection:
    return _deflection(_attempts(period).aggregate(**_outcomes()))


def deflection_by_week(period: Period) -> list[tuple[date, Deflection]]:
    rows = (
        _attempts(period)
        .annotate(week=TruncWeek("started_at"))
        .values("week")
        .annotate(**_outcomes())
        .order_by("week")
    )
    return [(_day(row["week"]), _deflection(row)) for row in rows]


def _day(value: object) -> date:
    return value.date() if isinstance(value, datetime) else value  # type: ignore[return-value]


def _deflection(row: Mapping[str, Any]) -> Deflection:
    return Deflection(row["attempts"], row["explicit"], row["implicit"], row["sent"])


def deflection_by_article(period: Period, limit: int = 20) -> list[dict[str, Any]]:
    """Per article: times shown, opened, and attempts it ended (solved, or opened and left)."""
    shown = SuggestionShown.objects.filter(
        attempt__started_at__gte=period.since, attempt__started_at__lt=period.until
    )
    rows = (
        shown.values("article_id", "article__live_version__title", "article__latest_version__title")
        .annotate(
            shown=Count("pk"),
            opened=Count("pk", filter=Q(opened_at__isnull=False)),
            solved=Count("pk", filter=Q(attempt__solved_by_id=F("article_id"))),
            left=Count(
                "pk",
                filter=Q(
                    opened_at__isnull=False,
                    attempt__ticket__isnull=True,
                    attempt__solved_by__isnull=True,
                ),
            ),
        )
        .order_by("-shown")[:limit]
    )
    return [dict(row) for row in rows]


def empty_searches(period: Period, limit: int = 15) -> list[dict[str, Any]]:
    rows = (
        HelpSearch.objects.filter(
            created_at__gte=period.since, created_at__lt=period.until, results=0
        )
        .values("query")
        .annotate(times=Count("pk"))
        .order_by("-times", "query")[:limit]
    )
    return [dict(row) for row in rows]


def poor_feedback(limit: int = 15) -> QuerySet[Article]:
    """Live articles that more readers found unhelpful than helpful."""
    return (
        Article.objects.filter(live_version__isnull=False)
        .annotate(
            helpful=Count("feedback", filter=Q(feedback__helpful=True)),
            unhelpful=Count("feedback", filter=Q(feedback__helpful=False)),
        )
        .filter(unhelpful__gt=0, unhelpful__gte=F("helpful"))
        .select_related("live_version")
        .order_by("-unhelpful")[:limit]
    )


def stale(today: date, limit: int = 30) -> QuerySet[Article]:
    return (
        Article.objects.filter(review_by__lt=today, live_version__isnull=False)
        .exclude(state=ArticleState.ARCHIVED)
        .select_related("live_version", "owner")
        .order_by("review_by")[:limit]
    )


def self_service_score(period: Period) -> tuple[int, int, float | None]:
    """Help-center visitors ÷ people who opened requests, in the period."""
    visitors = HelpVisit.objects.filter(day__gte=period.start, day__lte=period.end)
    visitor_count = visitors.values("visitor").distinct().count()
    requesters = (
        Ticket.objects.filter(created_at__gte=period.since, created_at__lt=period.until)
        .values("requester_id")
        .distinct()
        .count()
    )
    return visitor_count, requesters, round(visitor_count / requesters, 2) if requesters else None
