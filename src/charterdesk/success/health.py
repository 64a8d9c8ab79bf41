"""Account health: a score from 0 to 100 with its reasons, computed in SQL.

Every reason is a scalar subquery on the organization's row, and so is its contribution,
so one query gives the score of one account, and the same annotated queryset orders the
list of accounts by health (worst first) and paginates it in the database.

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

from django.db.models import (
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least, Round

from charterdesk.commitments.models import Commitment, CommitmentState
from charterdesk.customers.models import Organization
from charterdesk.hours.models import TimeEntry
from charterdesk.incidents.choices import Qualification
from charterdesk.incidents.models import AudienceOrganization
from charterdesk.plans.models import Contract
from charterdesk.satisfaction.models import Survey
from charterdesk.sla.models import SlaEvent, SlaEventKind
from charterdesk.tickets.models import OPEN_STATUSES, Ticket

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


def _capped(expression: Any, per: int, cap: int) -> Any:
    """`per` × expression, its size at most `cap` (the sign follows `per`)."""
    if per < 0:
        return Greatest(expression * per, Value(-cap), output_field=IntegerField())
    return Least(expression * per, Value(cap), output_field=IntegerField())


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
        "h_open": _count(Ticket.objects.filter(organization=org, status__in=OPEN_STATUSES)),
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


def _satisfaction() -> Case:
    baseline = Coalesce(F("h_rating_before"), Value(BASELINE_RATING))
    change = Cast(Round((F("h_rating_recent") - baseline) * 10), IntegerField())
    capped = Greatest(Least(change, Value(5)), Value(-15), output_field=IntegerField())
    return Case(
        When(h_rating_recent__isnull=True, then=Value(0)),
        default=capped,
        output_field=IntegerField(),
    )


def _hours() -> Case:
    available = F("h_hours_available")
    return Case(
        When(h_hours_available__lte=0, then=Value(0)),
        When(Q(h_hours_used__gte=available), then=Value(-15)),
        When(Q(h_hours_used__gte=available * 0.9), then=Value(-10)),
        When(Q(h_hours_used__gte=available * 0.75), then=Value(-5)),
        default=Value(0),
        output_field=IntegerField(),
    )


CONTRIBUTIONS = {
    "open_tickets": lambda: _capped(F("h_open"), -2, 20),
    "sla_breaches": lambda: _capped(F("h_breaches"), -5, 30),
    "satisfaction_trend": _satisfaction,
    "hours_bank": _hours,
    "incidents": lambda: _capped(F("h_incidents"), -3, 15),
    "promises_kept": lambda: _capped(F("h_kept"), 1, 5),
    "promises_broken": lambda: _capped(F("h_broken"), -5, 20),
}


def with_health(rows: QuerySet[Organization], now: datetime) -> QuerySet[Organization]:
    """The organizations with their figures, contributions (`c_<code>`) and
    `health_score`, all in one SQL query."""
    rows = rows.annotate(**_raw_figures(now))
    rows = rows.annotate(**{f"c_{code}": make() for code, make in CONTRIBUTIONS.items()})
    total = sum((F(f"c_{code}") for code in CONTRIBUTIONS), Value(100))
    score = Greatest(Least(total, Value(100)), Value(0), output_field=IntegerField())
    band = Case(
        When(health_score__gte=GOOD, then=Value(Band.GOOD)),
        When(health_score__gte=WATCH, then=Value(Band.WATCH)),
        default=Value(Band.AT_RISK),
    )
    return rows.annotate(health_score=score).annotate(health_band=band)


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


def reasons_of(org: Any) -> list[Reason]:
    """The reasons of an organization annotated by `with_health`, worst first."""
    available = org.h_hours_available
    used = f"{org.h_hours_used * 100 / available:.0f} %" if available else "no hours bank"
    before = org.h_rating_before
    trend = f"{_rating(org.h_rating_recent)} (before: {_rating(before)})"
    values = {
        "open_tickets": ("Open tickets", str(org.h_open)),
        "sla_breaches": ("SLA breaches in the last 90 days", str(org.h_breaches)),
        "satisfaction_trend": ("Satisfaction, last 30 days", trend),
        "hours_bank": ("Hours bank used", used),
        "incidents": ("Incidents that touched it in the last 90 days", str(org.h_incidents)),
        "promises_kept": ("Promises kept in the last 90 days", str(org.h_kept)),
        "promises_broken": ("Promises broken in the last 90 days", str(org.h_broken)),
    }
    reasons = [
        Reason(code, label, value, int(getattr(org, f"c_{code}")))
        for code, (label, value) in values.items()
    ]
    return sorted(reasons, key=lambda reason: reason.contribution)


def health_of(organization: Organization, now: datetime) -> Health:
    """The organization's health: one query."""
    row = with_health(Organization.objects.filter(pk=organization.pk), now).get()
    score = int(row.health_score)  # type: ignore[attr-defined]
    return Health(score, band_of(score), reasons_of(row), now)


def accounts_by_health(now: datetime) -> QuerySet[Organization]:
    """Every organization, worst health first (page it with core.pagination)."""
    rows = with_health(Organization.objects.select_related("relationship_manager"), now)
    return rows.order_by(F("health_score").asc(), "name", "pk")
