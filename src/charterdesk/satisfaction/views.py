from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required, contact_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User
from charterdesk.core.forms import add_service_errors
from charterdesk.core.spreadsheets import SafeWriter
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import ticket_get_for

from .forms import AnswerForm, ResultsForm, default_period
from .models import Survey
from .selectors import (
    COMMENTS_PER_PAGE,
    GROUPS,
    ResultRow,
    comments_between,
    results,
    survey_lock,
    survey_lock_for,
)
from .services import survey_answer, survey_from_token


def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The page a survey link opens. A GET never records anything (mail scanners follow
    links): it shows the rating clicked in the mail, preselected, with a confirm button."""
    try:
        survey = survey_from_token(token)
    except Survey.DoesNotExist as exc:
        raise Http404("This survey link is not valid.") from exc
    initial = {"rating": request.GET.get("rating") or survey.rating, "comment": survey.comment}
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                data = form.cleaned_data
                survey_answer(
                    survey_lock(survey.pk), data["rating"], data["comment"], timezone.now()
                )
            return render(request, "satisfaction/thanks.html", {"survey": survey})
        except ValidationError as exc:
            add_service_errors(form, exc)
    closed = survey.open_until < timezone.now()
    return render(
        request,
        "satisfaction/answer.html",
        {"survey": survey, "form": form, "closed": closed, "ticket": survey.ticket},
    )


@contact_required
@require_POST
def portal_answer(request: HttpRequest, ticket_id: int) -> HttpResponse:
    user = signed_in_user(request)
    try:
        ticket = ticket_get_for(user, ticket_id)
    except Ticket.DoesNotExist as exc:
        raise Http404("No such request.") from exc
    form = AnswerForm(request.POST)
    if not form.is_valid():
        flash.error(request, "Your answer was not saved: choose a rating from 1 to 5.")
        return redirect("portal:ticket", ticket_id=ticket_id)
    try:
        with transaction.atomic(durable=True):
            survey = _survey_locked_or_404(user, ticket.pk)
            data = form.cleaned_data
            survey_answer(survey, data["rating"], data["comment"], timezone.now(), actor=user)
        flash.success(request, "Thank you for your answer.")
    except ValidationError as exc:
        flash.error(request, "Your answer was not saved: " + _text(exc))
    return redirect("portal:ticket", ticket_id=ticket_id)


def _survey_locked_or_404(user: User, ticket_id: int) -> Survey:
    try:
        return survey_lock_for(user, ticket_id)
    except Survey.DoesNotExist as exc:
        raise Http404("This request has no survey yet.") from exc


def _text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@agent_required
def report(request: HttpRequest) -> HttpResponse:
    """Satisfaction per agent, team, queue, plan or month, as a page or CSV."""
    form = ResultsForm(request.GET or default_period())
    rows: list[ResultRow] = []
    comments: Page[Survey] | None = None
    if form.is_valid():
        data = form.cleaned_data
        rows = results(data["group"], data["start"], data["end"])
        if request.GET.get("format") == "csv":
            return _csv(rows, GROUPS[data["group"]][0])
        pages = Paginator(comments_between(data["start"], data["end"]), COMMENTS_PER_PAGE)
        comments = pages.get_page(request.GET.get("page"))
    context = {"form": form, "rows": rows, "comments": comments, "query": _query(request)}
    return render(request, "satisfaction/report.html", context)


def _query(request: HttpRequest) -> str:
    """The report's filters, without the page, for the comments' page links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _csv(rows: list[ResultRow], label: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="satisfaction.csv"'
    writer = SafeWriter(response)
    writer.writerow([label.lower(), "answers", "satisfied", "csat", "average"])
    for r in rows:
        writer.writerow(
            [
                r.label,
                r.answers,
                r.satisfied,
                "" if r.csat is None else f"{r.csat:.4f}",
                "" if r.average is None else f"{r.average:.2f}",
            ]
        )
    return response
