"""Server-drawn SVG charts: geometry computed here, drawn by the templates as inline SVG
(no script), each beside a table with the same figures for screen readers."""

import math
from dataclasses import dataclass
from datetime import date

WIDTH = 640
HEIGHT = 200
LEFT = 44  # room for the value axis
BOTTOM = 22  # room for the day labels
TOP = 10


@dataclass(frozen=True)
class Series:
    label: str
    css: str
    points: str  # "x,y x,y ..." for a polyline


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    series: list[Series]
    ticks: list[tuple[float, str]]  # (y, label) of the value axis
    days: list[tuple[float, str]]  # (x, label) of the day axis
    baseline: float


def _nice_top(peak: float) -> float:
    """A round top for the value axis: 1, 2 or 5 times a power of ten, at least 1."""
    if peak <= 1:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(peak))
    return float(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= peak))


def line_chart(
    days: list[date], series: list[tuple[str, str, list[float | None]]], unit: str = ""
) -> LineChart:
    """Lines over the days; a missing value (None) is left out of its line."""
    peak = max((v for _, _, values in series for v in values if v is not None), default=0.0)
    top = _nice_top(peak)
    plot_w, plot_h = WIDTH - LEFT - 8, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(days) - 1, 1)

    def y(value: float) -> float:
        return round(TOP + plot_h * (1 - value / top), 1)

    drawn = [
        Series(
            label,
            css,
            " ".join(
                f"{round(LEFT + i * step, 1)},{y(v)}" for i, v in enumerate(values) if v is not None
            ),
        )
        for label, css, values in series
    ]
    ticks = [(y(top * f), f"{_figure(top * f)}{unit}") for f in (0, 0.5, 1)]
    every = max(1, len(days) // 7)
    labels = [
        (round(LEFT + i * step, 1), d.strftime("%-d %b"))
        for i, d in enumerate(days)
        if (len(days) - 1 - i) % every == 0
    ]
    return LineChart(WIDTH, HEIGHT, drawn, ticks, labels, y(0))


def _figure(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.1f}"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    label_width: int


def bar_chart(items: list[tuple[str, int]]) -> BarChart:
    """Horizontal bars, one per item, scaled to the largest."""
    label_width, row = 110, 26
    peak = max((v for _, v in items), default=0) or 1
    width = 380
    room = width - label_width - 40
    bars = [
        Bar(label, value, i * row, round(room * value / peak, 1))
        for i, (label, value) in enumerate(items)
    ]
    return BarChart(width, row * len(items), bars, label_width)
