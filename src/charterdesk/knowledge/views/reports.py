"""The knowledge-base report (support managers and team leads)."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.roles import Perm
from charterdesk.core.forms import PeriodForm

from .. import reports
from ..chart import week_bars


@agent_required
def knowledge_report(request: HttpRequest) -> HttpResponse:
    if not signed_in_user(request).has_perm(Perm.REVIEW_ARTICLES):
        raise PermissionDenied("The knowledge-base report is for team leads and managers.")
    today = timezone.localdate()
    form = PeriodForm(
        request.GET or None, initial={"start": today - timedelta(days=90), "end": today}
    )
    period = reports.Period(today - timedelta(days=90), today)
    if form.is_valid():
        period = reports.Period(form.cleaned_data["start"], form.cleaned_data["end"])
    visitors, requesters, score = reports.self_service_score(period)
    context = {
        "form": form,
        "period": period,
        "overall": reports.deflection(period),
        "chart": week_bars(reports.deflection_by_week(period)),
        "by_article": reports.deflection_by_article(period),
        "empty_searches": reports.empty_searches(period),
        "poor": reports.poor_feedback(),
        "stale": reports.stale(today),
        "visitors": visitors,
        "requesters": requesters,
        "score": score,
    }
    return render(request, "knowledge/desk/report.html", context)
