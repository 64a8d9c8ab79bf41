from argparse import ArgumentTypeError
from typing import Any

from django.core.management.base import CommandParser
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from charterdesk.core.management.base import CharterCommand
from charterdesk.forecasting.models import QueueForecast, Trigger
from charterdesk.forecasting.services import forecast_run

MAX_WEEKS = 12


def weeks(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ArgumentTypeError(f"'{text}' is not a whole number of weeks") from None
    if not 1 <= value <= MAX_WEEKS:
        raise ArgumentTypeError(f"weeks must be from 1 to {MAX_WEEKS}, not {value}")
    return value


class Command(CharterCommand):
    help = "Compute the forecast and staffing of every queue now (docs/forecasting.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--weeks", type=weeks, default=4, help=f"Weeks ahead, 1 to {MAX_WEEKS} (4)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            run = forecast_run(
                trigger=Trigger.ON_DEMAND, now=timezone.now(), weeks=options["weeks"]
            )
        rows = (
            QueueForecast.objects.filter(run=run)
            .select_related("queue")
            .annotate(expected=Sum("intervals__expected"))
            .order_by("queue__name")
        )
        for row in rows:
            mape = f"MAPE {row.mape:.0%}" if row.mape is not None else "no backtest yet"
            self.stdout.write(
                f"{row.queue.name}: {row.expected or 0:,.0f} tickets expected, "
                f"{row.weeks_of_history} weeks of history, {mape}, "
                f"{row.short_intervals} short-staffed half hours"
            )
        self.stderr.write(f"Forecast run {run.pk}: {run.horizon_start:%Y-%m-%d} to "
                          f"{run.horizon_end:%Y-%m-%d}")  # fmt: skip
