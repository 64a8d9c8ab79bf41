"""A small SVG bar chart for the report: per week, requests deflected (stacked explicit
and implicit) next to requests sent anyway. Drawn on the server, no script."""

from dataclasses import dataclass
from datetime import date

from .reports import Deflection

HEIGHT = 140
BAR = 14


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    height: int
    kind: str  # explicit, implicit, sent
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    weeks: list[tuple[int, str]]
    top: int


def week_bars(weeks: list[tuple[date, Deflection]]) -> Chart:
    top = max([max(d.explicit + d.implicit, d.sent) for _, d in weeks] or [1]) or 1
    bars: list[Bar] = []
    ticks = []
    for index, (week, d) in enumerate(weeks):
        x = 30 + index * (2 * BAR + 14)
        label = week.strftime("%-d %b")
        ticks.append((x + BAR, label))
        base = HEIGHT
        for kind, value in (("explicit", d.explicit), ("implicit", d.implicit)):
            h = round(value / top * (HEIGHT - 10))
            bars.append(Bar(x, base - h, h, kind, f"Week of {label}: {value} {kind}"))
            base -= h
        h = round(d.sent / top * (HEIGHT - 10))
        bars.append(Bar(x + BAR, HEIGHT - h, h, "sent", f"Week of {label}: {d.sent} sent anyway"))
    return Chart(max(320, 40 + len(weeks) * (2 * BAR + 14)), HEIGHT + 24, bars, ticks, top)
