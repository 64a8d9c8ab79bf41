from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router

from charterdesk.accounts.auth import user_of
from charterdesk.core.validators import Id
from charterdesk.tickets.selectors import ticket_get_for

from .models import Survey
from .schemas import ReportOut, ResultFilters, SurveyIn, SurveyOut
from .selectors import Report, report_for, survey_lock_for
from .services import survey_answer

router = Router(tags=["satisfaction"])


@router.get("/tickets/{ticket_id}/survey", response=SurveyOut)
def get_survey(request: HttpRequest, ticket_id: Id) -> Survey:
    ticket = ticket_get_for(user_of(request), ticket_id)
    return Survey.objects.get(ticket=ticket)


@router.put("/tickets/{ticket_id}/survey", response=SurveyOut)
def answer_survey(request: HttpRequest, ticket_id: Id, payload: SurveyIn) -> Survey:
    """The requester answers (or changes the answer) while the survey is open."""
    user = user_of(request)
    with transaction.atomic(durable=True):
        survey = survey_lock_for(user, ticket_id)
        survey_answer(survey, payload.rating, payload.comment, timezone.now(), actor=user)
    return survey


@router.get("/reports/satisfaction", response=ReportOut, by_alias=True)
def satisfaction_report(request: HttpRequest, filters: Query[ResultFilters]) -> Report:
    """Answers, CSAT and average rating per agent, team, queue, plan or month of answer,
    over the answers given from `from` to `to` (dates, inclusive); agents only."""
    return report_for(
        user_of(request), filters.by, filters.start, filters.end, timezone.localdate()
    )
