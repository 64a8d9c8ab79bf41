"""The dashboard's panels: each a name, a template and what it shows, so the page and
each fragment it refreshes are drawn by the same code."""

from collections.abc import Callable
from datetime import datetime

from charterdesk.accounts.models import User

from . import now as live
from .charts import bar_chart, line_chart
from .trends import backlog_age, trends

Context = dict[str, object]


def _hours(seconds: float | None) -> float | None:
    return round(seconds / 3600, 1) if seconds is not None else None


def _trends(viewer: User, at: datetime, days: int) -> Context:
    figures = trends(days, at)
    dates = [d.day for d in figures.days]
    counts = line_chart(
        dates,
        [
            ("Created", "created", [float(d.created) for d in figures.days]),
            ("Solved", "solved", [float(d.solved) for d in figures.days]),
        ],
    )
    times = line_chart(
        dates,
        [
            ("First reply", "first-reply", [_hours(d.first_reply_median) for d in figures.days]),
            ("Resolution", "resolution", [_hours(d.resolution_median) for d in figures.days]),
        ],
        unit=" h",
    )
    return {"trends": figures, "counts_chart": counts, "times_chart": times}


def _age(viewer: User, at: datetime, days: int) -> Context:
    buckets = backlog_age(at)
    return {"ages": buckets, "age_chart": bar_chart([(b.label, b.tickets) for b in buckets])}


PANELS: dict[str, Callable[[User, datetime, int], Context]] = {
    "backlog": lambda viewer, at, days: {"backlog": live.backlog()},
    "breaching": lambda viewer, at, days: {"breaching": live.breaching(at)},
    "shift": lambda viewer, at, days: {"shift": live.on_shift(viewer, at)},
    "incidents": lambda viewer, at, days: {"incidents": live.incidents_in_progress()},
    "satisfaction": lambda viewer, at, days: {"satisfaction": live.satisfaction_today(at)},
    "trends": _trends,
    "age": _age,
}


def panel_context(name: str, viewer: User, at: datetime, days: int) -> Context:
    return {"panel": name, **PANELS[name](viewer, at, days)}
