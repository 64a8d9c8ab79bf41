"""The geometry of the forecast chart, drawn by the template as inline SVG (no script).

Top: expected tickets per half hour as a line inside its 80 % interval band. Bottom:
agents the team must schedule (a step line) against agents on shift (filled steps), with
the short-staffed half hours marked in red. The SVG scales to the page width."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from .models import ForecastInterval

WIDTH = 960
TICKETS_HEIGHT = 180
AGENTS_HEIGHT = 140
GAP = 36
LEFT = 36
Scale = Callable[[float], float]


@dataclass
class Chart:
    width: int = WIDTH
    height: int = TICKETS_HEIGHT + GAP + AGENTS_HEIGHT + 24
    band: str = ""  # polygon points
    expected: str = ""  # polyline points
    needed: str = ""
    on_shift: str = ""  # polygon points (filled area)
    short: list[tuple[float, float]] = field(default_factory=list)  # (x, width)
    days: list[tuple[float, str]] = field(default_factory=list)  # (x, label)
    tickets_max: int = 0
    agents_max: int = 0
    agents_top: int = TICKETS_HEIGHT + GAP
    agents_height: int = AGENTS_HEIGHT
    agents_bottom: int = TICKETS_HEIGHT + GAP + AGENTS_HEIGHT
    tickets_bottom: int = TICKETS_HEIGHT
    left: int = LEFT


def _nice(value: float) -> int:
    """A round axis maximum at or above `value`."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
        if value <= step * 5:
            return step * max(1, -(-int(value + 0.999) // step))
    return int(value) + 1


def _points(pairs: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in pairs)


def chart_of(rows: Sequence[ForecastInterval], zone: tzinfo) -> Chart:
    chart = Chart()
    if not rows:
        return chart
    step = (WIDTH - LEFT) / len(rows)
    chart.tickets_max = _nice(max(r.high for r in rows))
    chart.agents_max = _nice(max(max(r.team_scheduled, r.on_shift) for r in rows))

    def x(i: float) -> float:
        return LEFT + i * step

    def ty(value: float) -> float:
        return TICKETS_HEIGHT - value / chart.tickets_max * (TICKETS_HEIGHT - 8)

    def ay(value: float) -> float:
        return chart.agents_bottom - value / chart.agents_max * (AGENTS_HEIGHT - 8)

    middle = [x(i + 0.5) for i in range(len(rows))]
    upper = [(m, ty(r.high)) for m, r in zip(middle, rows, strict=True)]
    lower = [(m, ty(r.low)) for m, r in zip(middle, rows, strict=True)]
    chart.band = _points(upper + lower[::-1])
    chart.expected = _points([(m, ty(r.expected)) for m, r in zip(middle, rows, strict=True)])
    chart.needed = _points(_steps(rows, x, ay, lambda r: r.team_scheduled))
    shift = _steps(rows, x, ay, lambda r: r.on_shift)
    chart.on_shift = _points([(x(0), ay(0)), *shift, (x(len(rows)), ay(0))])
    chart.short = [(x(i), step) for i, r in enumerate(rows) if r.short]
    chart.days = _day_marks(rows, zone, x)
    return chart


def _steps(
    rows: Sequence[ForecastInterval],
    x: Scale,
    y: Scale,
    value: Callable[[ForecastInterval], int],
) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i, row in enumerate(rows):
        points += [(x(i), y(value(row))), (x(i + 1), y(value(row)))]
    return points


def _day_marks(rows: Sequence[ForecastInterval], zone: tzinfo, x: Scale) -> list[tuple[float, str]]:
    marks: list[tuple[float, str]] = []
    seen = None
    for i, row in enumerate(rows):
        local: datetime = row.start.astimezone(zone)
        if local.date() != seen:
            seen = local.date()
            marks.append((x(i), local.strftime("%a %-d %b")))
    return marks
