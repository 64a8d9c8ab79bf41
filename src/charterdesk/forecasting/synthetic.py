"""A realistic ticket history for the benchmark, the tests and the demo (numpy only).

Weekdays busier than weekends, a working-day curve (morning peak at 10:00, a smaller one
after lunch, quiet nights), a weekly trend, Poisson noise and peak days (e.g. a release)
that multiply one day's arrivals."""

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

SLOTS = 48
DAY_WEIGHTS = (1.0, 1.05, 1.0, 0.95, 0.85, 0.25, 0.2)  # Monday … Sunday


@dataclass(frozen=True)
class Shape:
    per_week: float = 1500.0  # tickets in the first week
    growth: float = 0.01  # per week
    first_weekday: int = 0  # weekday of day 0 (Monday = 0)
    peaks: dict[int, float] = field(default_factory=dict)  # day index → multiplier


def day_curve() -> NDArray[np.float64]:
    """Share of a day's tickets per half hour (local time)."""
    hours = (np.arange(SLOTS) + 0.5) / 2
    curve = (
        0.03
        + np.exp(-(((hours - 10.0) / 1.8) ** 2))
        + 0.7 * np.exp(-(((hours - 14.5) / 2.0) ** 2))
        + 0.1 * np.exp(-(((hours - 20.0) / 2.0) ** 2))
    )
    return np.asarray(curve / curve.sum(), dtype=np.float64)


def rates(days: int, shape: Shape) -> NDArray[np.float64]:
    """Expected tickets per day × half hour."""
    weights = np.array(DAY_WEIGHTS)
    weekdays = (np.arange(days) + shape.first_weekday) % 7
    week_index = np.arange(days) / 7
    per_day = shape.per_week / weights.sum() * weights[weekdays]
    per_day = per_day * (1 + shape.growth) ** week_index
    for day, multiplier in shape.peaks.items():
        if 0 <= day < days:
            per_day[day] *= multiplier
    return np.asarray(per_day[:, None] * day_curve()[None, :], dtype=np.float64)


def history(days: int, shape: Shape, seed: int = 17) -> NDArray[np.float64]:
    """Tickets per day × half hour: Poisson draws around `rates`."""
    generator = np.random.default_rng(seed)
    return generator.poisson(rates(days, shape)).astype(np.float64)
