"""Account health: a score from 0 to 100 with its reasons, computed in SQL.

Every figure is a scalar subquery on the organization's row, evaluated once in a
materialized CTE; the contributions and the score are computed on top of it in the same
statement. One query gives the score of one account; the same statement with ORDER BY and
LIMIT/OFFSET gives a page of the accounts by health (worst first).

The weights (docs/customer-success.md): the score starts at 100, then

| reason | contribution |
|---|---|
| open tickets | −2 each, at most −20 |
| SLA breaches in the last 90 days | −5 each, at most −30 |
| satisfaction trend: last 30 days against the 60 before (or 4.0) | 10 a point, −15 … +5 |
| hours bank used (active contracts) | −5 from 75 %, −10 from 90 %, −15 from 100 % |
| incidents that touched it in the last 90 days | −3 each, at most −15 |
| promises kept in the last 90 days | +1 each, at most +5 |
| promises broken in the last 90 days | −5 each, at most −20 |

and is kept between 0 and 100. Bands: good from 75, watch from 50, at risk below.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import F, FloatField, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from charterdesk.commitments.models import Commitment, CommitmentState
from charterdesk.customers.models import Organization
from charterdesk.hours.models import TimeEntry
from charterdesk.incidents.choices import Qualification
from charterdesk.incidents.models import AudienceOrganization
from charterdesk.plans.models import Contract
from charterdesk.satisfaction.models import Survey
from charterdesk.sla.models import SlaEvent, SlaEventKind
from charterdesk.tickets.models import Ticket

WINDOW = timedelta(days=90)
RECENT = timedelta(days=30)
BASELINE_RATING = 4.0
GOOD, WATCH = 75, 50


class Band:
    GOOD = "good"
    WATCH = "watch"
    AT_RISK = "at_risk"
    LABELS = {GOOD: "Good", WATCH: "Watch", AT_RISK: "At risk"}


def band_of(score: int) -> str:
    if score >= GOOD:
        return Band.GOOD
    return Band.WATCH if score >= WATCH else Band.AT_RISK


def _scalar(rows: QuerySet[Any], function: str, expression: Any, output: Any) -> Subquery:
    """One value of `rows` (COUNT, SUM or AVG without GROUP BY) as a subquery."""
    aggregate = Func(expression, function=function, output_field=output)
    return Subquery(rows.order_by().annotate(value=aggregate).values("value")[:1])


def _count(rows: QuerySet[Any]) -> Coalesce:
    return Coalesce(_scalar(rows, "COUNT", F("pk"), IntegerField()), 0)


def _raw_figures(now: datetime) -> dict[str, Any]:
    since, recent = now - WINDOW, now - RECENT
    org = OuterRef("pk")
    ratings = Survey.objects.filter(ticket__organization=org, rating__isnull=False)
    active = Contract.objects.active_on(now.date()).filter(organization=org)
    bank = TimeEntry.objects.filter(
        draws_on_bank=True,
        contract__organization=org,
        contract__starts_on__lte=now.date(),
    ).filter(Q(contract__ends_on__isnull=True) | Q(contract__ends_on__gte=now.date()))
    promises = Commitment.objects.filter(ticket__organization=org, settled_at__gte=since)
    return {
        "h_open": _count(Ticket.objects.filter(organization=org, in_queue=True)),  # open
        "h_breaches": _count(
            SlaEvent.objects.filter(
                ticket__organization=org, kind=SlaEventKind.BREACHED, at__gte=since
            )
        ),
        "h_rating_recent": _scalar(
            ratings.filter(answered_at__gte=recent), "AVG", F("rating"), FloatField()
        ),
        "h_rating_before": _scalar(
            ratings.filter(answered_at__gte=since, answered_at__lt=recent),
            "AVG",
            F("rating"),
            FloatField(),
        ),
        "h_hours_used": Coalesce(_scalar(bank, "SUM", F("minutes"), IntegerField()), 0),
        "h_hours_available": Coalesce(
            _scalar(active, "SUM", (F("hours_included") + F("hours_purchased")) * 60, FloatField()),
            0.0,
        ),
        "h_incidents": _count(
            AudienceOrganization.objects.filter(
                organization=org, incident__started_at__gte=since
            ).exclude(incident__qualification=Qualification.DISMISSED)
        ),
        "h_kept": _count(promises.filter(state=CommitmentState.KEPT)),
        "h_broken": _count(promises.filter(state=CommitmentState.BROKEN)),
    }


def _clamped(sql: str, low: int, high: int) -> str:
    return f"CASE WHEN {sql} < {low} THEN {low} WHEN {sql} > {high} THEN {high} ELSE {sql} END"


# Each contribution in SQL over the figures' columns (portable: SQLite and PostgreSQL).
_CHANGE = (
    f"CAST(ROUND((h_rating_recent - COALESCE(h_rating_before, {BASELINE_RATING})) * 10) AS INTEGER)"
)
CONTRIBUTIONS = {
    "open_tickets": _clamped("-2 * h_open", -20, 0),
    "sla_breaches": _clamped("-5 * h_breaches", -30, 0),
    "satisfaction_trend": (
        f"CASE WHEN h_rating_recent IS NULL THEN 0 ELSE {_clamped(_CHANGE, -15, 5)} END"
    ),
    "hours_bank": (
        "CASE WHEN h_hours_available <= 0 THEN 0"
        " WHEN h_hours_used >= h_hours_available THEN -15"
        " WHEN h_hours_used >= h_hours_available * 0.9 THEN -10"
        " WHEN h_hours_used >= h_hours_available * 0.75 THEN -5 ELSE 0 END"
    ),
    "incidents": _clamped("-3 * h_incidents", -15, 0),
    "promises_kept": _clamped("h_kept", 0, 5),
    "promises_broken": _clamped("-5 * h_broken", -20, 0),
}  # fmt: skip
FIGURES = ("h_open", "h_breaches", "h_rating_recent", "h_rating_before", "h_hours_used",
           "h_hours_available", "h_incidents", "h_kept", "h_broken")  # fmt: skip


def _health_sql(rows: QuerySet[Organization], now: datetime, tail: str) -> tuple[str, list[Any]]:
    """One statement: the figures of each organization, each subquery evaluated once (a
    materialized CTE; annotations that refer to annotations would repeat them), then the
    contributions and the score on top. `tail`: ORDER BY / LIMIT after it."""
    figures = rows.annotate(**_raw_figures(now)).values("id", "name", *FIGURES)
    inner, params = figures.query.sql_with_params()
    contributions = ", ".join(f"{sql} AS c_{code}" for code, sql in CONTRIBUTIONS.items())
    total = " + ".join(f"c_{code}" for code in CONTRIBUTIONS)
    # Only our own constant SQL and Django's compiled query; values are parameters.
    sql = (
        f"WITH figures AS MATERIALIZED ({inner}), "  # noqa: S608
        f"scored AS (SELECT figures.*, {contributions} FROM figures) "
        f"SELECT scored.*, {_clamped(f'(100 + {total})', 0, 100)} AS health_score "
        f"FROM scored {tail}"
    )
    return sql, list(params)


def _fetch(sql: str, params: list[Any]) -> list[dict[str, Any]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


@dataclass(frozen=True)
class Reason:
    code: str
    label: str
    value: str
    contribution: int


@dataclass(frozen=True)
class Health:
    score: int
    band: str
    reasons: list[Reason]
    computed_at: datetime

    @property
    def band_label(self) -> str:
        return Band.LABELS[self.band]


def _rating(value: float | None) -> str:
    return "no answers" if value is None else f"{value:.1f} of 5"


def reasons_of(row: dict[str, Any]) -> list[Reason]:
    """The reasons of one row of the health query, worst first."""
    available = float(row["h_hours_available"] or 0)
    used = f"{row['h_hours_used'] * 100 / available:.0f} %" if available else "no hours bank"
    trend = f"{_rating(row['h_rating_recent'])} (before: {_rating(row['h_rating_before'])})"
    values = {
        "open_tickets": ("Open tickets", str(row["h_open"])),
        "sla_breaches": ("SLA breaches in the last 90 days", str(row["h_breaches"])),
        "satisfaction_trend": ("Satisfaction, last 30 days", trend),
        "hours_bank": ("Hours bank used", used),
        "incidents": ("Incidents that touched it in the last 90 days", str(row["h_incidents"])),
        "promises_kept": ("Promises kept in the last 90 days", str(row["h_kept"])),
        "promises_broken": ("Promises broken in the last 90 days", str(row["h_broken"])),
    }
    reasons = [
        Reason(code, label, value, int(row[f"c_{code}"])) for code, (label, value) in values.items()
    ]
    return sorted(reasons, key=lambda reason: reason.contribution)


def health_of(organization: Organization, now: datetime) -> Health:
    """The organization's health: one query."""
    sql, params = _health_sql(Organization.objects.filter(pk=organization.pk), now, "")
    row = _fetch(sql, params)[0]
    score = int(row["health_score"])
    return Health(score, band_of(score), reasons_of(row), now)


@dataclass(frozen=True)
class AccountRow:
    organization: Organization
    score: int

    @property
    def band(self) -> str:
        return band_of(self.score)


class AccountsByHealth:
    """Every organization, worst health first, for Django's Paginator: `count()` and a
    slice run one query each; a page's organizations (with their relationship manager)
    one more."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def count(self) -> int:
        return Organization.objects.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[AccountRow]:
        start, stop = page.start or 0, page.stop
        tail = "ORDER BY health_score, name, id LIMIT %s OFFSET %s"
        sql, params = _health_sql(Organization.objects.all(), self.now, tail)
        rows = _fetch(sql, [*params, stop - start, start])
        found = Organization.objects.select_related("relationship_manager").in_bulk(
            [row["id"] for row in rows]
        )
        return [AccountRow(found[row["id"]], int(row["health_score"])) for row in rows]


def accounts_by_health(now: datetime) -> AccountsByHealth:
    """Every organization, worst health first (page it with Django's Paginator)."""
    return AccountsByHealth(now)
