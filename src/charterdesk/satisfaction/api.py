from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from charterdesk.api.auth import user_of
from charterdesk.tickets.selectors import ticket_get_for

from .models import Survey
from .selectors import GROUPS, results
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


class ResultOut(Schema):
    group: str
    answers: int
    csat: float | None = Field(description="Share of answers rated 4 or 5.")
    average: float | None


class ResultFilters(Schema):
    group: Literal["agent", "team", "queue", "plan", "month"] = "agent"
    start: date
    end: date


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
            Survey.objects.select_for_update()
            .select_related("ticket__contract__plan", "contact")
            .get(ticket=ticket)
        )
        survey_answer(survey, payload.rating, payload.comment, timezone.now(), actor=user)
    return survey_out(survey)


@router.get("/satisfaction", response=list[ResultOut])
def satisfaction_results(request: HttpRequest, filters: Query[ResultFilters]) -> list[Any]:
    """Answers, CSAT and average per agent, team, queue, plan or month (agents only)."""
    if not user_of(request).is_agent:
        raise PermissionDenied("Satisfaction results are for support staff.")
    if filters.end < filters.start:
        raise ValidationError({"end": "The end is before the start."})
    assert filters.group in GROUPS  # noqa: S101 - the schema allows only these
    return [
        {"group": r.label, "answers": r.answers, "csat": r.csat, "average": r.average}
        for r in results(filters.group, filters.start, filters.end)
    ]
