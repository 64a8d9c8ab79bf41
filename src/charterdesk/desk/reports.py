from datetime import date, timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from charterdesk.accounts.access import agent_required
from charterdesk.core.forms import PeriodForm
from charterdesk.core.spreadsheets import SafeWriter
from charterdesk.sla.selectors import attainment


def _default_period() -> dict[str, date]:
    today = timezone.localdate()
    return {"start": (today - timedelta(days=180)).replace(day=1), "end": today}


@agent_required
def sla_attainment(request: HttpRequest) -> HttpResponse:
    """SLA attainment per plan, metric, priority and month, as a page or CSV."""
    form = PeriodForm(request.GET or _default_period())
    rows = (
        attainment(form.cleaned_data["start"], form.cleaned_data["end"]) if form.is_valid() else []
    )
    if request.GET.get("format") == "csv" and form.is_valid():
        return _csv(rows)
    return render(request, "desk/sla_report.html", {"form": form, "rows": rows})


def _csv(rows: list) -> HttpResponse:  # type: ignore[type-arg]
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="sla-attainment.csv"'
    writer = SafeWriter(response)
    writer.writerow(
        ["month", "plan", "metric", "priority", "achieved", "breached", "active", "attainment"]
    )
    for r in rows:
        share = "" if r.attainment is None else f"{r.attainment:.4f}"
        writer.writerow(
            [
                r.month.strftime("%Y-%m"),
                r.plan,
                r.metric,
                r.priority,
                r.achieved,
                r.breached,
                r.active,
                share,
            ]
        )
    return response
