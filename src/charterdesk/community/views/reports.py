"""The community report (staff): /desk/community/reports."""

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from charterdesk.accounts.access import agent_required
from charterdesk.core.forms import PeriodForm

from .. import reports

BAR, GAP, HEIGHT = 14, 10, 120


def _chart(weeks: list[tuple]) -> dict[str, object]:
    top = max([n for _, n, _ in weeks] or [1]) or 1
    bars = []
    for index, (week, n, replied) in enumerate(weeks):
        x = 30 + index * (2 * BAR + GAP)
        for offset, value, kind in ((0, n, "started"), (BAR, replied, "replied")):
            h = round(value / top * (HEIGHT - 10))
            label = f"Week of {week:%-d %b}: {value} {kind}"
            bars.append({"x": x + offset, "y": HEIGHT - h, "h": h, "kind": kind, "label": label})
    width = max(320, 40 + len(weeks) * (2 * BAR + GAP))
    return {"bars": bars, "width": width, "height": HEIGHT + 4, "top": top}


@agent_required
def community_report(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = PeriodForm(
        request.GET or None, initial={"start": today - timedelta(days=90), "end": today}
    )
    period = reports.Period(today - timedelta(days=90), today)
    if form.is_valid():
        period = reports.Period(form.cleaned_data["start"], form.cleaned_data["end"])
    weeks = reports.topics_by_week(period)
    context = {
        "form": form, "period": period, "summary": reports.summary(period),
        "contributors": reports.top_contributors(period), "chart": _chart(weeks),
        "unanswered": reports.unanswered_now(),
    }  # fmt: skip
    return render(request, "community/desk/reports.html", context)
