"""Reads on surveys: one ticket's survey and the results report (aggregated in SQL)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg, Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.core.prepared import Prepared
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import tickets_visible_to

from .models import SATISFIED, Survey

GROUPS = {  # report grouping: (label, the survey field grouped on, the field shown)
    "agent": ("Agent", "agent", "agent__name"),
    "team": ("Team", "team", "team__name"),
    "queue": ("Queue", "queue", "queue__name"),
    "plan": ("Plan", "plan", "plan__name"),
    "month": ("Month", "month", "month"),
}


_survey_of = Prepared(
    lambda ticket_id: (
        Survey.objects.filter(ticket_id=ticket_id)
        .select_related("contact", "agent")
        .order_by("pk")[:1]
    ),
    int,
)


def survey_of(ticket: Ticket) -> Survey | None:
    """The ticket's satisfaction survey, if it has one (its SQL compiled once)."""
    found = _survey_of(ticket.pk)
    return found[0] if found else None


def _locked() -> QuerySet[Survey]:
    return Survey.objects.select_for_update(of=("self",)).select_related(
        "ticket__contract__plan", "contact__user"
    )


def survey_lock(survey_id: int) -> Survey:
    """The survey a signed link names (the link is the permission), its row locked for
    the caller's transaction; Survey.DoesNotExist otherwise."""
    return _locked().get(pk=survey_id)


def survey_lock_for(user: User, ticket_id: int) -> Survey:
    """The survey of a ticket the user may see, its row locked for the caller's
    transaction; Survey.DoesNotExist otherwise (or when the ticket has none yet)."""
    return _locked().filter(ticket__in=tickets_visible_to(user)).get(ticket_id=ticket_id)


@dataclass(frozen=True)
class ResultRow:
    label: str
    answers: int
    satisfied: int
    average: float | None

    @property
    def csat(self) -> float | None:
        """Share of answers rated 4 or 5."""
        return self.satisfied / self.answers if self.answers else None


def answered_between(start: date, end: date) -> QuerySet[Survey]:
    zone = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=zone)
    until = datetime.combine(end, time.max, tzinfo=zone)
    return Survey.objects.filter(answered_at__gte=since, answered_at__lte=until)


def summary(surveys: QuerySet[Survey]) -> dict[str, object]:
    """Answers, average and CSAT of these surveys in one query."""
    row = surveys.filter(rating__isnull=False).aggregate(
        n=Count("id"), ok=Count("id", filter=Q(rating__in=SATISFIED)), avg=Avg("rating")
    )
    return {
        "answers": row["n"],
        "average": round(float(row["avg"]), 2) if row["avg"] is not None else None,
        "csat": round(row["ok"] / row["n"], 4) if row["n"] else None,
    }


def results(group: str, start: date, end: date) -> list[ResultRow]:
    """Answers, CSAT and average rating per agent, team, queue, plan or month of answer."""
    _, key, shown = GROUPS[group]
    surveys = answered_between(start, end).filter(rating__isnull=False)
    if group == "month":
        surveys = surveys.annotate(month=TruncMonth("answered_at"))
    rows = (
        surveys.values(key, shown)
        .annotate(n=Count("id"), ok=Count("id", filter=Q(rating__in=SATISFIED)), avg=Avg("rating"))
        .order_by(shown)
    )
    return [
        ResultRow(
            label=_label(row[shown], group),
            answers=row["n"],
            satisfied=row["ok"],
            average=float(row["avg"]) if row["avg"] is not None else None,
        )
        for row in rows
    ]


def _label(value: object, group: str) -> str:
    if value is None or value == "":
        return {"agent": "Unassigned", "plan": "No contract"}.get(group, "—")
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m")
    return str(value)


@dataclass(frozen=True)
class Report:
    by: str
    start: date
    end: date
    total: dict[str, object]
    rows: list[ResultRow]


def report_for(user: User, by: str, start: date | None, end: date | None, today: date) -> Report:
    """Results per `by` over the answers given from start to end (dates, inclusive; by
    default the 90 days up to today), for agents only."""
    if not user.is_agent:
        raise PermissionDenied("Satisfaction results are for support staff.")
    end = end or today
    start = start or end - timedelta(days=90)
    if end < start:
        raise ValidationError({"to": "The end is before the start."})
    rows = results(by, start, end)
    return Report(by, start, end, summary(answered_between(start, end)), rows)


COMMENTS_PER_PAGE = 20


def comments_between(start: date, end: date) -> QuerySet[Survey]:
    """The answers with a comment given from start to end, newest first, with their ticket
    and requester (one query per page, paginated by the caller in the database)."""
    return (
        answered_between(start, end)
        .filter(rating__isnull=False)
        .exclude(comment="")
        .select_related("ticket", "contact", "agent")
        .order_by("-answered_at", "-pk")
    )
