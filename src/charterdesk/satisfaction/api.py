from datetime import date, datetime, timedelta
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from charterdesk.accounts.auth import user_of
from charterdesk.core.moments import ReasonableDate
from charterdesk.tickets.selectors import ticket_get_for

from .models import Survey
from .selectors import answered_between, results, summary
from .services import survey_answer

router = Router(tags=["satisfaction"])


class SurveyIn(Schema):
    rating: int = Field(ge=1, le=5)
    comment: str = Field("", max_length=5000)


class SurveyOut(Schema):
    ticket_id: int
    sent_at: datetime
    rating: int | None
    comment: str
    answered_at: datetime | None
    changed_at: datetime | None
    open_until: datetime


GroupName = Literal["agent", "team", "queue", "plan", "month"]


class ResultRowOut(Schema):
    group: str = Field(description="The agent, team, queue or plan name, or the month.")
    answers: int
    satisfied: int = Field(description="Answers rated 4 or 5.")
    csat: float | None = Field(description="Share of answers rated 4 or 5.")
    average: float | None


class ReportOut(Schema):
    by: GroupName
    start: date = Field(alias="from")
    end: date = Field(alias="to")
    total: dict[str, Any] = Field(description="answers, average and csat of the whole period.")
    rows: list[ResultRowOut]


class ResultFilters(Schema):
    by: GroupName = "agent"
    start: ReasonableDate | None = Field(None, alias="from", description="Default: 90 days ago.")
    end: ReasonableDate | None = Field(None, alias="to", description="Default: today.")


def survey_out(survey: Survey) -> dict[str, Any]:
    return {
        "ticket_id": survey.ticket_id,
        "sent_at": survey.sent_at,
        "rating": survey.rating,
        "comment": survey.comment,
        "answered_at": survey.answered_at,
        "changed_at": survey.changed_at,
        "open_until": survey.open_until,
    }


@router.get("/tickets/{ticket_id}/survey", response=SurveyOut)
def get_survey(request: HttpRequest, ticket_id: int) -> dict[str, Any]:
    ticket = ticket_get_for(user_of(request), ticket_id)
    return survey_out(Survey.objects.get(ticket=ticket))


@router.put("/tickets/{ticket_id}/survey", response=SurveyOut)
def answer_survey(request: HttpRequest, ticket_id: int, payload: SurveyIn) -> dict[str, Any]:
    """The requester answers (or changes the answer) while the survey is open."""
    user = user_of(request)
    ticket = ticket_get_for(user, ticket_id)
    with transaction.atomic():
        survey = (
            Survey.objects.select_for_update(of=("self",))
            .select_related("ticket__contract__plan", "contact")
            .get(ticket=ticket)
        )
        survey_answer(survey, payload.rating, payload.comment, timezone.now(), actor=user)
    return survey_out(survey)


@router.get("/reports/satisfaction", response=ReportOut, by_alias=True)
def satisfaction_report(request: HttpRequest, filters: Query[ResultFilters]) -> dict[str, Any]:
    """Answers, CSAT and average rating per agent, team, queue, plan or month of answer,
    over the answers given from `from` to `to` (dates, inclusive); agents only."""
    if not user_of(request).is_agent:
        raise PermissionDenied("Satisfaction results are for support staff.")
    end = filters.end or timezone.localdate()
    start = filters.start or end - timedelta(days=90)
    if end < start:
        raise ValidationError({"to": "The end is before the start."})
    rows = results(filters.by, start, end)
    return {
        "by": filters.by,
        "from": start,
        "to": end,
        "total": summary(answered_between(start, end)),
        "rows": [
            {
                "group": r.label,
                "answers": r.answers,
                "satisfied": r.satisfied,
                "csat": r.csat,
                "average": r.average,
            }
            for r in rows
        ],
    }
