"""The forecast of arriving tickets per half hour: a seasonal profile times a trended level.

A pure library (numpy, no Django). The history is a matrix of days × 48 half hours in
the queue's local time, oldest first, ending yesterday; its length is cut to whole weeks
(7-day blocks ending yesterday), so position `d % 7` in a block is the same weekday.

0. Weeks before the first ticket are dropped (the queue did not exist yet).
1. Known peak days are divided out of the history (a release day entered as ×1.8 counts
   as an ordinary day), so they neither inflate the profile nor the trend.
2. Level: the total of each 7-day block; a least-squares line through the last blocks
   gives the level now and a weekly trend, damped (φ = 0.8 per week) so a few rising
   weeks do not run away over the horizon. With fewer than 3 blocks there is no trend.
3. Profile: each half hour of the week's share of its block, averaged over the blocks
   with the highest and lowest share dropped when there are 5 or more (a trimmed mean:
   robust to one odd week, yet not zero for quiet slots as a median would be).
4. Forecast = level(week ahead) × profile(half hour of week) × peak multiplier.
5. Backtest: each of the last 4 weeks is forecast from the weeks before it only; the
   errors give WAPE (Σ|actual − forecast| / Σ actual; it stays defined when a half hour
   has no tickets, where MAPE divides by zero) and MAPE over the non-zero half hours.
6. Prediction interval: the backtest residuals scaled by √max(forecast, 1) (counts vary
   like a Poisson count), their 10th and 90th percentiles: an 80 % interval.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

SLOTS = 48  # half hours per day
WEEK = 7
MAX_BLOCKS = 8  # the level and profile use the last 8 weeks at most
BACKTEST_WEEKS = 4
DAMPING = 0.8
LOW_Q, HIGH_Q = 10.0, 90.0

Matrix = NDArray[np.float64]


@dataclass(frozen=True)
class Forecast:
    expected: Matrix  # horizon days × 48
    low: Matrix
    high: Matrix
    wape: float | None  # None: not enough history to backtest
    mape: float | None
    baseline_wape: float | None  # seasonal naive (same half hour a week before)
    weeks_of_history: int


def _whole_weeks(history: Matrix, peaks: Matrix) -> tuple[Matrix, Matrix]:
    """The history cut to whole weeks ending yesterday, from the first week with a
    ticket (weeks before the queue existed would read as a rising trend)."""
    days = (len(history) // WEEK) * WEEK
    history, peaks = history[len(history) - days :], peaks[len(peaks) - days :]
    busy = np.flatnonzero(history.sum(axis=1))
    if len(busy) == 0:
        return history[:0], peaks[:0]
    first = (int(busy[0]) // WEEK) * WEEK
    return history[first:], peaks[first:]


def _fit(history: Matrix) -> tuple[Matrix, float, float]:
    """Profile (7 × 48, sums to 1), level of the last week and weekly trend."""
    blocks = history[-MAX_BLOCKS * WEEK :].reshape(-1, WEEK * SLOTS)
    totals = blocks.sum(axis=1)
    shares = blocks[totals > 0] / totals[totals > 0, None]
    if len(shares) == 0:
        return np.full((WEEK, SLOTS), 1 / (WEEK * SLOTS)), 0.0, 0.0
    if len(shares) >= 5:
        ordered = np.sort(shares, axis=0)[1:-1]
        profile = ordered.mean(axis=0)
    else:
        profile = shares.mean(axis=0)
    profile = profile / profile.sum()
    if len(totals) < 3:
        return profile.reshape(WEEK, SLOTS), float(totals.mean()), 0.0
    x = np.arange(len(totals), dtype=float)
    slope, intercept = np.polyfit(x, totals, 1)
    level = float(max(intercept + slope * x[-1], 0.0))
    return profile.reshape(WEEK, SLOTS), level, float(slope)


def _project(history: Matrix, horizon_days: int) -> Matrix:
    """Expected counts for the `horizon_days` after the history (no peak multipliers)."""
    profile, level, slope = _fit(history)
    out = np.empty((horizon_days, SLOTS))
    for day in range(horizon_days):
        weeks_ahead = day // WEEK + 1
        damped = sum(DAMPING**k for k in range(1, weeks_ahead + 1))
        week_level = max(level + slope * damped, 0.0)
        out[day] = week_level * profile[day % WEEK]
    return out


def _backtest(clean: Matrix, peaks: Matrix) -> tuple[Matrix, Matrix, Matrix]:
    """Forecasts, actuals and seasonal-naive forecasts of the last weeks, each week
    forecast from the weeks before it."""
    weeks = min(BACKTEST_WEEKS, len(clean) // WEEK - 1)
    predicted, actual, naive = [], [], []
    for back in range(weeks, 0, -1):
        cut = len(clean) - back * WEEK
        week_peaks = peaks[cut : cut + WEEK, None]
        predicted.append(_project(clean[:cut], WEEK) * week_peaks)
        actual.append(clean[cut : cut + WEEK] * week_peaks)
        naive.append(clean[cut - WEEK : cut] * peaks[cut - WEEK : cut, None])
    if not predicted:
        empty = np.empty((0, SLOTS))
        return empty, empty, empty
    return np.vstack(predicted), np.vstack(actual), np.vstack(naive)


def wape(actual: Matrix, predicted: Matrix) -> float | None:
    total = float(np.abs(actual).sum())
    return float(np.abs(actual - predicted).sum() / total) if total else None


def mape(actual: Matrix, predicted: Matrix) -> float | None:
    seen = actual > 0
    if not seen.any():
        return None
    return float(np.mean(np.abs(actual[seen] - predicted[seen]) / actual[seen]))


def forecast(
    history: Matrix,
    *,
    horizon_days: int,
    history_peaks: Matrix | None = None,
    future_peaks: Matrix | None = None,
) -> Forecast:
    """Forecast `horizon_days` from `history` (days × 48, ending yesterday).

    `history_peaks` and `future_peaks` hold one multiplier per day (1 on ordinary days)."""
    history = np.asarray(history, dtype=float)
    past = np.ones(len(history)) if history_peaks is None else np.asarray(history_peaks, float)
    ahead = np.ones(horizon_days) if future_peaks is None else np.asarray(future_peaks, float)
    history, past = _whole_weeks(history, past)
    clean = history / past[:, None]
    expected = _project(clean, horizon_days) * ahead[:, None]
    predicted, actual, naive = _backtest(clean, past)
    low, high = _interval(expected, predicted, actual)
    return Forecast(
        expected=expected,
        low=low,
        high=high,
        wape=wape(actual, predicted),
        mape=mape(actual, predicted),
        baseline_wape=wape(actual, naive),
        weeks_of_history=len(history) // WEEK,
    )


def _interval(expected: Matrix, predicted: Matrix, actual: Matrix) -> tuple[Matrix, Matrix]:
    scale = np.sqrt(np.maximum(expected, 1.0))
    if predicted.size == 0:  # no backtest: a Poisson-like ±1.28 σ band
        low_z, high_z = -1.28, 1.28
    else:
        residuals = (actual - predicted) / np.sqrt(np.maximum(predicted, 1.0))
        low_z, high_z = np.percentile(residuals, [LOW_Q, HIGH_Q])
    low = np.maximum(expected + min(low_z, 0.0) * scale, 0.0)
    high = expected + max(high_z, 0.0) * scale
    return low, high
