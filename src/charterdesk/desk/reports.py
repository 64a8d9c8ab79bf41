from dataclasses import dataclass, field
from datetime import date, timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from charterdesk.accounts.access import agent_required
from charterdesk.core.forms import PeriodForm
from charterdesk.core.spreadsheets import SafeWriter
from charterdesk.core.vocabulary import Priority
from charterdesk.plans.models import Metric
from charterdesk.sla.selectors import AttainmentRow, attainment, clocks_behind

METRIC_ORDER = list(Metric.values)
PRIORITY_ORDER = list(Priority.values)
OUTCOMES = ("achieved", "breached", "active")


@dataclass
class Total:
    """Counts summed over rows, with the attainment they give."""

    achieved: int = 0
    breached: int = 0
    active: int = 0

    def add(self, row: AttainmentRow) -> None:
        self.achieved += row.achieved
        self.breached += row.breached
        self.active += row.active

    @property
    def percent(self) -> int | None:
        decided = self.achieved + self.breached
        return round(100 * self.achieved / decided) if decided else None


@dataclass
class PlanBlock:
    plan: str
    rows: list[AttainmentRow] = field(default_factory=list)
    total: Total = field(default_factory=Total)


def _default_period() -> dict[str, date]:
    today = timezone.localdate()
    return {"start": (today - timedelta(days=180)).replace(day=1), "end": today}


def _order(row: AttainmentRow) -> tuple[date, int, int]:
    return (row.month, METRIC_ORDER.index(row.metric), PRIORITY_ORDER.index(row.priority))


def by_plan(rows: list[AttainmentRow]) -> tuple[list[PlanBlock], Total]:
    """The rows per plan, months in order (then metric, then priority, as the plan lists
    them), each plan with its total, and the total of all."""
    blocks: dict[str, PlanBlock] = {}
    overall = Total()
    for row in sorted(rows, key=_order):
        block = blocks.setdefault(row.plan, PlanBlock(row.plan))
        block.rows.append(row)
        block.total.add(row)
        overall.add(row)
    return [blocks[p] for p in sorted(blocks)], overall


@agent_required
def sla_attainment(request: HttpRequest) -> HttpResponse:
    """SLA attainment per plan, month, metric and priority, as a page or CSV."""
    form = PeriodForm(request.GET or _default_period())
    rows = (
        attainment(form.cleaned_data["start"], form.cleaned_data["end"]) if form.is_valid() else []
    )
    if request.GET.get("format") == "csv" and form.is_valid():
        return _csv(sorted(rows, key=lambda r: (r.plan, *_order(r))))
    blocks, overall = by_plan(rows)
    context = {
        "form": form,
        "blocks": blocks,
        "overall": overall,
        "metrics": dict(Metric.choices),
        "priorities": dict(Priority.choices),
    }
    return render(request, "desk/sla_report.html", context)


@agent_required
def sla_tickets(request: HttpRequest) -> HttpResponse:
    """The tickets behind one number of the SLA report."""
    get = request.GET
    try:
        month = date.fromisoformat(get.get("month", ""))
    except ValueError:
        month = timezone.localdate().replace(day=1)
    outcome = get.get("outcome", "")
    outcome = outcome if outcome in OUTCOMES else "breached"
    metric = get.get("metric", "") if get.get("metric") in Metric.values else Metric.FIRST_REPLY
    priority = get.get("priority", "") if get.get("priority") in Priority.values else "normal"
    plan = get.get("plan", "—")[:200]
    clocks = clocks_behind(plan, metric, priority, month, outcome)
    context = {
        "clocks": clocks,
        "plan": plan,
        "month": month,
        "outcome": outcome,
        "metric": Metric(metric).label,
        "priority": Priority(priority).label,
    }
    return render(request, "desk/sla_tickets.html", context)


def _csv(rows: list[AttainmentRow]) -> HttpResponse:
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
