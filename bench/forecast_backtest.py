"""Forecast accuracy and speed: ours against a seasonal-naive baseline, in one run.

    PYTHONPATH=src python bench/forecast_backtest.py

Histories (arrivals per half hour, numpy, no database):
- synthetic: 12 weeks of a realistic desk (weekday/weekend, morning and afternoon
  peaks, 1 %/week growth, Poisson noise, one known peak day ×1.8), at three volumes;
  then 4 more weeks held out (with a known release day ×1.6 in them).
- demo: the demo's Frontline history (demo/forecasting.py), same procedure.
For each: the in-sample backtest the page shows (last 4 weeks, each forecast from the
weeks before it) and the held-out 4 weeks: WAPE and MAPE of ours and of seasonal naive
(the same half hour a week before; for the held-out weeks, the last week repeated,
with the same peak multipliers), the share of held-out counts inside our 80 % band, and
the noise floor: the WAPE of the true rates the history was drawn from (no forecast
can beat it on average).
Speed: a forecast (fit, backtest, 4 weeks ahead) and its staffing (Erlang C per half
hour) for 10 queues, best of 3.
"""

import os
import platform
import sys
import time
from datetime import UTC, datetime, timedelta

import numpy as np

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "charterdesk.settings")
import django  # noqa: E402

django.setup()

from charterdesk.demo.forecasting import WEEKS, demo_shape  # noqa: E402
from charterdesk.forecasting import model, synthetic  # noqa: E402
from charterdesk.forecasting.erlang import StaffingInput, erlang_staffing  # noqa: E402

HELD_OUT = 28
RELEASE = 9  # day of the held-out weeks with a known ×1.6


def _case(name: str, shape: synthetic.Shape, seed: int) -> dict[str, object]:
    days = WEEKS * 7
    peaks = np.ones(days + HELD_OUT)
    for day, multiplier in shape.peaks.items():
        peaks[day] = multiplier
    peaks[days + RELEASE] = 1.6
    full_shape = synthetic.Shape(
        shape.per_week, shape.growth, shape.first_weekday, {**shape.peaks, days + RELEASE: 1.6}
    )
    counts = synthetic.history(days + HELD_OUT, full_shape, seed=seed)
    past, future = counts[:days], counts[days:]
    result = model.forecast(
        past, horizon_days=HELD_OUT, history_peaks=peaks[:days], future_peaks=peaks[days:]
    )
    last_week = past[-7:] / peaks[days - 7 : days, None]
    naive = np.vstack([last_week] * 4) * peaks[days:, None]
    truth = synthetic.rates(days + HELD_OUT, full_shape)[days:]
    inside = float(((future >= np.floor(result.low)) & (future <= np.ceil(result.high))).mean())
    return {
        "history": name,
        "per_week": int(counts[:7].sum()),
        "bt_wape": result.wape,
        "bt_mape": result.mape,
        "bt_naive": result.baseline_wape,
        "ho_wape": model.wape(future, result.expected),
        "ho_mape": model.mape(future, result.expected),
        "ho_naive": model.wape(future, naive),
        "ho_naive_mape": model.mape(future, naive),
        "coverage": inside,
        "floor": model.wape(future, truth),
    }


def _speed(queues: int = 10) -> tuple[float, float]:
    histories = [
        synthetic.history(WEEKS * 7, synthetic.Shape(per_week=500 * (q + 1)), seed=q)
        for q in range(queues)
    ]
    best_fit, best_staff = float("inf"), float("inf")
    for _ in range(3):
        started = time.perf_counter()
        results = [model.forecast(h, horizon_days=HELD_OUT) for h in histories]
        fitted = time.perf_counter()
        for result in results:
            for contacts in result.expected.reshape(-1):
                erlang_staffing(StaffingInput(contacts=round(float(contacts), 1), aht_seconds=300))
        done = time.perf_counter()
        best_fit, best_staff = min(best_fit, fitted - started), min(best_staff, done - fitted)
    return best_fit, best_staff


def _pct(value: object) -> str:
    return "—" if value is None else f"{100 * float(value):.1f} %"  # type: ignore[arg-type]


def main() -> None:
    cases = [
        _case(f"synthetic {volume}/week", synthetic.Shape(volume, 0.01, 0, {40: 1.8}), seed)
        for seed, volume in enumerate((300, 1500, 6000))
    ]
    demo_first = datetime.now(tz=UTC).date() - timedelta(weeks=WEEKS)
    cases.append(_case("demo Frontline", demo_shape(demo_first), 5))
    print(
        f"{datetime.now(tz=UTC).date()} · {platform.node()} · {os.cpu_count()} cores"
        f" · load {os.getloadavg()}"
    )
    print(f"`{' '.join(['python', *sys.argv])}`\n")
    print(
        "| history | tickets/week | backtest WAPE ours | naive | MAPE ours | held-out WAPE"
        " ours | naive | ratio | noise floor | held-out MAPE ours | naive | in 80 % band |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for c in cases:
        ratio = float(c["ho_wape"]) / float(c["ho_naive"])  # type: ignore[arg-type]
        print(
            f"| {c['history']} | {c['per_week']} | {_pct(c['bt_wape'])} "
            f"| {_pct(c['bt_naive'])}"
            f" | {_pct(c['bt_mape'])} | {_pct(c['ho_wape'])} | {_pct(c['ho_naive'])} | "
            f"{ratio:.2f} | {_pct(c['floor'])} | {_pct(c['ho_mape'])} | "
            f"{_pct(c['ho_naive_mape'])} | "
            f"{_pct(c['coverage'])} |"
        )
    fit, staff = _speed()
    print(
        f"\n10 queues × 4 weeks (13,440 half hours): forecast {fit * 1000:.0f} ms, "
        f"Erlang C staffing {staff * 1000:.0f} ms (best of 3, without the cache the "
        "service uses)"
    )


if __name__ == "__main__":
    main()
