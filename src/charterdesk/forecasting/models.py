from collections.abc import Callable
from typing import Any
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from charterdesk.core.checked import CheckedModel, choices_check

from .model import BACKTEST_WEEKS


class StaffingModel(models.TextChoices):
    REAL_TIME = "real_time", "Real time (phone, chat): Erlang C"
    DEFERRED = "deferred", "Mail and portal: workload"


class Trigger(models.TextChoices):
    SCHEDULED = "scheduled", "Nightly"
    ON_DEMAND = "on_demand", "On demand"


def zone_validator(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(f"“{value}” is not a time zone, e.g. Europe/Berlin.")


def share(name: str, *, low: float, high: float) -> list[Callable[[Any], None]]:
    words = f"{name} is a share from {low:g} to {high:g}, e.g. 0.8."
    return [MinValueValidator(low, words), MaxValueValidator(high, words)]


class QueueStaffing(CheckedModel):
    """How a queue is staffed: the figures that turn its forecast into agents."""

    queue = models.OneToOneField("routing.Queue", on_delete=models.CASCADE, related_name="staffing")
    model = models.CharField(
        max_length=16, choices=StaffingModel.choices, default=StaffingModel.DEFERRED
    )
    timezone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[zone_validator],
        help_text="Half hours and weekdays are counted in this zone.",
    )
    aht_seconds = models.PositiveIntegerField(
        "Average handling time (seconds)",
        default=600,
        validators=[MinValueValidator(1, "The handling time is at least 1 second.")],
    )
    service_level = models.FloatField(
        "Service level",
        default=0.8,
        validators=share("The service level", low=0.01, high=0.99),
        help_text="Share of contacts answered within the target (real time only).",
    )
    target_seconds = models.PositiveIntegerField(
        "Target (seconds)",
        default=20,
        help_text="Real time: answered within this. Mail and portal: the reply target, "
        "over which the work is spread (14400 = 4 hours).",
    )
    shrinkage = models.FloatField(
        default=0.3,
        validators=share("Shrinkage", low=0, high=0.95),
        help_text="Share of paid time not on contacts: breaks, training, absence.",
    )
    max_occupancy = models.FloatField(
        "Maximum occupancy", default=0.85, validators=share("Occupancy", low=0.05, high=1)
    )

    class Meta:
        constraints = [
            choices_check("model", StaffingModel, "queuestaffing_model_valid"),
            models.CheckConstraint(
                condition=models.Q(shrinkage__gte=0, shrinkage__lt=1),
                name="queuestaffing_shrinkage_share",
            ),
        ]

    def __str__(self) -> str:
        return f"Staffing of {self.queue}"


class PeakDay(CheckedModel):
    """A day a manager knows will be busier (a release, a price change): its arrivals are
    multiplied, in the forecast ahead and divided out of the history behind."""

    day = models.DateField()
    queue = models.ForeignKey(
        "routing.Queue",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="peak_days",
        help_text="Empty: every queue.",
    )
    multiplier = models.FloatField(
        default=1.5,
        validators=[
            MinValueValidator(0.1, "The multiplier is from 0.1 to 20, e.g. 1.5 for +50 %."),
            MaxValueValidator(20, "The multiplier is from 0.1 to 20, e.g. 1.5 for +50 %."),
        ],
        help_text="1.5 = 50 % more tickets than an ordinary day of that weekday.",
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["day", "queue"], name="peakday_once_per_queue"),
            models.UniqueConstraint(
                fields=["day"],
                condition=models.Q(queue__isnull=True),
                name="peakday_once_for_every_queue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day} ×{self.multiplier:g}"


class ForecastRun(models.Model):
    """One computation of every queue's forecast; the latest finished run is shown."""

    trigger = models.CharField(max_length=16, choices=Trigger.choices)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    horizon_start = models.DateTimeField()
    horizon_end = models.DateTimeField()
    alerted_at = models.DateTimeField(
        null=True, blank=True, help_text="When the team leads were told of short intervals."
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [choices_check("trigger", Trigger, "forecastrun_trigger_valid")]
        indexes = [models.Index(fields=["finished_at", "alerted_at"], name="forecastrun_to_alert")]

    def __str__(self) -> str:
        return f"Forecast of {self.started_at:%Y-%m-%d %H:%M}"


class QueueForecast(models.Model):
    """One queue's forecast in a run, with its backtest errors on the last 4 weeks."""

    run = models.ForeignKey(ForecastRun, on_delete=models.CASCADE, related_name="queues")
    queue = models.ForeignKey("routing.Queue", on_delete=models.CASCADE, related_name="+")
    weeks_of_history = models.PositiveSmallIntegerField()
    wape = models.FloatField(null=True)
    mape = models.FloatField(null=True)
    baseline_wape = models.FloatField(null=True)
    short_intervals = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "queue"], name="forecast_queue_once")]

    def __str__(self) -> str:
        return f"{self.queue_id} in run {self.run_id}"

    @property
    def backtest_weeks(self) -> int:
        """Weeks the errors were measured on: each forecast from the weeks before it."""
        return max(min(BACKTEST_WEEKS, self.weeks_of_history - 1), 0)


class ForecastInterval(models.Model):
    """A half hour of one queue's forecast: arrivals, agents needed, agents on shift."""

    forecast = models.ForeignKey(QueueForecast, on_delete=models.CASCADE, related_name="intervals")
    start = models.DateTimeField()
    expected = models.FloatField()
    low = models.FloatField()
    high = models.FloatField()
    agents_needed = models.PositiveIntegerField()
    scheduled = models.PositiveIntegerField(help_text="Agents needed plus shrinkage.")
    team_scheduled = models.PositiveIntegerField(
        help_text="Scheduled agents the team needs for all its queues in this half hour."
    )
    on_shift = models.PositiveIntegerField(help_text="The team's agents on shift.")

    class Meta:
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["forecast", "start"], name="forecast_interval_once")
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M}: {self.expected:.1f}"

    @property
    def short(self) -> int:
        """Agents the team misses in this half hour (0 when covered): a team's agents
        work all its queues, so the team's need is compared with its shift."""
        return max(self.team_scheduled - self.on_shift, 0)
