"""The insights reports for agents: volume (/desk/insights/volume), root causes
(/desk/insights/causes), and the tickets behind every bar and number."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from charterdesk.accounts.access import agent_required
from charterdesk.core.spreadsheets import SafeWriter

from . import causes, volume
from .charts import bar_chart
from .periods import Period, period_from
from .volume import Dimension, Row

PAGE = 50


def _tables(
    tables: dict[str, list[Row]], dimensions: dict[str, Dimension], source: str, period: Period
) -> list[dict[str, object]]:
    base = reverse("insights:tickets")
    return [
        {
            "key": key,
            "title": dimensions[key].title,
            "rows": rows[: volume.TOP],
            "more": max(0, len(rows) - volume.TOP),
            "total": sum(r.count for r in rows),
            "chart": bar_chart(
                rows[: volume.TOP], f"{base}?source={source}&{period.query}&dimension={key}&value="
            ),
        }
        for key, rows in tables.items()
    ]


@agent_required
def volume_report(request: HttpRequest) -> HttpResponse:
    form, period = period_from(request)
    tables: dict[str, list[Row]] = {}
    if period is not None:
        tickets = volume.created_in(period)
        tables = {key: volume.grouped(tickets, d) for key, d in volume.DIMENSIONS.items()}
        if request.GET.get("format") == "csv":
            return _csv(request, tables, volume.DIMENSIONS, f"volume-{period.start}-{period.end}")
    now = timezone.now()
    context = {
        "form": form,
        "period": period,
        "tables": _tables(tables, volume.DIMENSIONS, "volume", period) if period else [],
        "trending_categories": volume.trending_categories(now),
        "trending_terms": volume.trending_terms(now),
        "min_recent": volume.MIN_RECENT,
    }
    return render(request, "insights/volume.html", context)


@agent_required
def causes_report(request: HttpRequest) -> HttpResponse:
    form, period = period_from(request)
    tables: dict[str, list[Row]] = {}
    if period is not None:
        tables = causes.cause_rows(period)
        if request.GET.get("format") == "csv":
            if request.GET.get("table") == "fix":
                return _fix_csv(causes.fix_the_cause(period, limit=10_000))
            return _csv(
                request, tables, causes.CAUSE_DIMENSIONS, f"causes-{period.start}-{period.end}"
            )
    context = {
        "form": form,
        "period": period,
        "tables": _tables(tables, causes.CAUSE_DIMENSIONS, "causes", period) if period else [],
        "fix": causes.fix_the_cause(period) if period else [],
    }
    return render(request, "insights/causes.html", context)


@agent_required
def tickets_behind(request: HttpRequest) -> HttpResponse:
    """The tickets behind one bar: `source` (volume: created in the period; causes: solved
    in it with a cause), `dimension` and `value` (several pairs narrow it down)."""
    form, period = period_from(request)
    source = request.GET.get("source", "volume")
    if period is None or source not in ("volume", "causes"):
        raise Http404("No such report.")
    dimensions = volume.DIMENSIONS if source == "volume" else causes.CAUSE_DIMENSIONS
    tickets = volume.with_time_parts(
        volume.created_in(period) if source == "volume" else causes.solved_with_cause(period)
    )
    chosen = []
    for key, value in zip(
        request.GET.getlist("dimension"), request.GET.getlist("value"), strict=False
    ):
        if key not in dimensions:
            raise Http404("No such table.")
        try:
            tickets = tickets.filter(volume.by_dimension(dimensions[key], value))
        except ValueError as exc:
            raise Http404("No such value.") from exc
        chosen.append((dimensions[key].title, value))
    page = Paginator(
        tickets.select_related("organization", "category").order_by("-created_at", "-id"), PAGE
    ).get_page(request.GET.get("page"))
    context = {"page": page, "period": period, "source": source, "chosen": chosen,
               "query": request.GET.copy()}  # fmt: skip
    return render(request, "insights/tickets.html", context)


def _csv(
    request: HttpRequest, tables: dict[str, list[Row]], dimensions: dict[str, Dimension], name: str
) -> HttpResponse:
    key = request.GET.get("table", "")
    if key not in tables:
        raise Http404("No such table.")
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{name}-{key}.csv"'
    writer = SafeWriter(response)
    writer.writerow([key, "label", "tickets"])
    for row in tables[key]:
        writer.writerow(["" if row.value is None else row.value, row.label, row.count])
    return response


def _fix_csv(costs: list[causes.CauseCost]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="fix-the-cause.csv"'
    writer = SafeWriter(response)
    writer.writerow(["root_cause", "product", "tickets", "hours"])
    for c in costs:
        writer.writerow([c.cause, c.product, c.tickets, c.hours])
    return response
