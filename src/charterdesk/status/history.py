"""The 90-day history bars: for every public service and every day (UTC), the worst impact
of the confirmed public incidents that were open that day, in one SQL query."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import connection

from charterdesk.incidents.choices import Qualification
from charterdesk.incidents.models import Incident, Service

DAYS = 90
WORDS = {0: "No incidents", 1: "Minor incident", 2: "Major incident", 3: "Critical incident"}
LEVEL = {0: "ok", 1: "minor", 2: "major", 3: "critical"}


@dataclass(frozen=True)
class Day:
    day: date
    worst: int  # 0 none, 1 minor, 2 major, 3 critical
    incidents: int

    @property
    def level(self) -> str:
        return LEVEL[self.worst]

    @property
    def words(self) -> str:
        if not self.incidents:
            return f"{self.day:%d %b %Y}: no incidents"
        return (
            f"{self.day:%d %b %Y}: {self.incidents} incident(s), worst {WORDS[self.worst].lower()}"
        )


def _days(today: date, days: int) -> list[tuple[int, datetime, datetime]]:
    first = today - timedelta(days=days - 1)
    out = []
    for n in range(days):
        start = datetime.combine(first + timedelta(days=n), datetime.min.time(), tzinfo=UTC)
        out.append((n, start, start + timedelta(days=1)))
    return out


def history(services: Sequence[Service], now: datetime, days: int = DAYS) -> dict[int, list[Day]]:
    """service id -> its days, oldest first."""
    ids = [s.pk for s in services]
    spans = _days(now.astimezone(UTC).date(), days)
    found: dict[tuple[int, int], tuple[int, int]] = {}
    if ids:
        found = _query(ids, spans, now)
    return {
        sid: [Day(start.date(), *found.get((sid, n), (0, 0))) for n, start, _ in spans]
        for sid in ids
    }


def _query(
    ids: list[int], spans: list[tuple[int, datetime, datetime]], now: datetime
) -> dict[tuple[int, int], tuple[int, int]]:
    incidents = Incident._meta.db_table
    links = Incident.services.through._meta.db_table
    adapt = connection.ops.adapt_datetimefield_value
    row = "(%s, %s, %s)"
    if connection.vendor == "postgresql":  # VALUES needs the types spelled out there
        row = "(%s::int, %s::timestamptz, %s::timestamptz)"
    values = ", ".join([row] * len(spans))
    day_params: list[Any] = []
    for n, start, end in spans:
        day_params += [n, adapt(start), adapt(end)]
    marks = ", ".join(["%s"] * len(ids))
    cast = "CAST(%s AS timestamptz)" if connection.vendor == "postgresql" else "%s"
    sql = (
        f"WITH days(n, s, e) AS (VALUES {values}) "  # noqa: S608 - names from the models
        "SELECT l.service_id, days.n, MAX(CASE i.impact WHEN 'critical' THEN 3 "
        "WHEN 'major' THEN 2 WHEN 'minor' THEN 1 ELSE 0 END), COUNT(DISTINCT i.id) "
        f"FROM days JOIN {incidents} i ON i.started_at < days.e "
        f"AND COALESCE(i.resolved_at, {cast}) >= days.s "
        f"JOIN {links} l ON l.incident_id = i.id "
        f"WHERE i.is_public = %s AND i.qualification = %s AND l.service_id IN ({marks}) "
        "GROUP BY l.service_id, days.n"
    )
    params = [*day_params, adapt(now), True, Qualification.CONFIRMED.value, *ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(row[0], row[1]): (int(row[2]), int(row[3])) for row in cursor.fetchall()}


def uptime(days: list[Day]) -> float:
    """The share of days without a major or critical incident, in percent."""
    if not days:
        return 100.0
    good = sum(1 for d in days if d.worst < 2)
    return round(100 * good / len(days), 2)
