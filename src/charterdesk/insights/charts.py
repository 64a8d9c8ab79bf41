"""Horizontal bar charts drawn on the server as inline SVG: the geometry here, the
drawing in insights/_bars.html. Each bar links to the tickets behind it."""

from dataclasses import dataclass

from .volume import Row

WIDTH, LABEL_WIDTH, BAR_HEIGHT, GAP = 640, 200, 18, 6


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    y: int
    width: int
    href: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int = WIDTH
    label_width: int = LABEL_WIDTH

    @property
    def height(self) -> int:
        return len(self.bars) * (BAR_HEIGHT + GAP) + GAP

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT


def bar_chart(rows: list[Row], href: str) -> Chart:
    """One bar per row, longest for the largest count; `href` + the row's value drills down."""
    top = max((r.count for r in rows), default=0)
    room = WIDTH - LABEL_WIDTH - 60
    return Chart(
        [
            Bar(
                r.label[:32],
                r.count,
                GAP + i * (BAR_HEIGHT + GAP),
                max(1, round(room * r.count / top)) if top else 0,
                f"{href}{'none' if r.value in (None, '') else r.value}",
            )
            for i, r in enumerate(rows)
        ]
    )
