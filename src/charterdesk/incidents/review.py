"""The post-incident review: incidents by service and root cause, repeated causes
flagged, and the time to detect, to first alert and to resolve (aggregated in SQL)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet

from .choices import RootCause
from .models import Incident, PostMortem, Service

Minutes = float | None


@dataclass(frozen=True)
class CauseRow:
    service: str
    root_cause: str
    incidents: int
    repeated: bool


def _duration(end: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(end) - F("started_at"), output_field=DurationField())


def _resolved(service: Service | None = None, cause: str = "") -> QuerySet[Incident]:
    """Resolved incidents, of one service (or its parts) and one root cause when given."""
    rows = Incident.objects.filter(resolved_at__isnull=False)
    if service is not None:
        touched = Incident.objects.filter(Q(services=service) | Q(services__parent=service))
        rows = rows.filter(pk__in=touched.values("pk"))
    if cause:
        rows = rows.filter(postmortem__root_cause=cause)
    return rows


def reviewed_incidents(service: Service | None = None, cause: str = "") -> QuerySet[Incident]:
    """Resolved incidents (newest first) with their times, missed update promises and
    post-mortem, for a page; filtered by service and root cause when given."""
    return (
        _resolved(service, cause)
        .select_related("severity", "postmortem")
        .prefetch_related("services")
        .annotate(
            to_detect=_duration("detected_at"),
            to_alert=_duration("first_alert_at"),
            to_resolve=_duration("resolved_at"),
        )
        .order_by("-started_at", "-id")
    )


def causes_by_service(service: Service | None = None, cause: str = "") -> list[CauseRow]:
    """How many post-mortems name each root cause per service; two or more: repeated."""
    found = PostMortem.objects.all()
    if service is not None:
        found = found.filter(Q(incident__services=service) | Q(incident__services__parent=service))
    if cause:
        found = found.filter(root_cause=cause)
    rows = (
        found.values("incident__services__name", "root_cause")
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


def average_times(service: Service | None = None, cause: str = "") -> dict[str, timedelta | None]:
    return _resolved(service, cause).aggregate(
        detect=Avg(_duration("detected_at")),
        alert=Avg(_duration("first_alert_at")),
        resolve=Avg(_duration("resolved_at")),
    )
