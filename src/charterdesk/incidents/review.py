"""The post-incident review: incidents by service and root cause, repeated causes
flagged, and the time to detect, to first alert and to resolve (aggregated in SQL)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, QuerySet

from .choices import RootCause
from .models import Incident, PostMortem

Minutes = float | None


@dataclass(frozen=True)
class CauseRow:
    service: str
    root_cause: str
    incidents: int
    repeated: bool


def _duration(end: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(end) - F("started_at"), output_field=DurationField())


def reviewed_incidents() -> QuerySet[Incident]:
    """Resolved incidents (newest first) with their times and post-mortem, for a page."""
    return (
        Incident.objects.filter(resolved_at__isnull=False)
        .select_related("severity", "postmortem")
        .prefetch_related("services")
        .annotate(
            to_detect=_duration("detected_at"),
            to_alert=_duration("first_alert_at"),
            to_resolve=_duration("resolved_at"),
        )
        .order_by("-started_at", "-id")
    )


def causes_by_service() -> list[CauseRow]:
    """How many post-mortems name each root cause per service; two or more: repeated."""
    rows = (
        PostMortem.objects.values("incident__services__name", "root_cause")
        .annotate(incidents=Count("incident", distinct=True))
        .order_by("-incidents", "incident__services__name", "root_cause")
    )
    return [
        CauseRow(
            service=row["incident__services__name"] or "-",
            root_cause=RootCause(row["root_cause"]).label,
            incidents=row["incidents"],
            repeated=row["incidents"] > 1 and row["root_cause"] != "unknown",
        )
        for row in rows[:200]
    ]


def average_times() -> dict[str, timedelta | None]:
    return Incident.objects.filter(resolved_at__isnull=False).aggregate(
        detect=Avg(_duration("detected_at")),
        alert=Avg(_duration("first_alert_at")),
        resolve=Avg(_duration("resolved_at")),
    )
