import json
from datetime import date
from functools import cached_property, lru_cache

from django.db import models

from charterdesk.calendars import BusinessCalendar
from charterdesk.core.checked import CheckedModel
from charterdesk.plans.models import Metric

from .calendar_rules import check_calendar


class Calendar(CheckedModel):
    """A business calendar: a time zone, weekly working hours and holidays.

    `hours` maps day names to lists of ["HH:MM", "HH:MM"] intervals; `holidays` lists
    ISO dates closed all day in the calendar's own zone.
    """

    name = models.CharField(max_length=100, unique=True)
    timezone = models.CharField(max_length=64, default="UTC")
    hours = models.JSONField(default=dict, blank=True)
    holidays = models.JSONField(default=list, blank=True)
    always_open = models.BooleanField(default=False, help_text="24×7: hours and holidays unused.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @cached_property
    def business_calendar(self) -> BusinessCalendar:
        if self.always_open:
            return BusinessCalendar.always_open()
        return _built(self.timezone, json.dumps(self.hours, sort_keys=True), tuple(self.holidays))

    def describe(self) -> str:
        return "24×7" if self.always_open else self.business_calendar.describe()

    def clean(self) -> None:
        self.__dict__.pop("business_calendar", None)
        check_calendar(self.timezone, self.hours, self.holidays, always_open=self.always_open)


@lru_cache(maxsize=128)
def _built(timezone: str, hours: str, holidays: tuple[str, ...]) -> BusinessCalendar:
    """One calendar object per distinct definition and process: it keeps its precomputed
    open intervals between requests. An edited calendar has a new key."""
    return BusinessCalendar(
        timezone=timezone,
        hours={day: [tuple(iv) for iv in ivs] for day, ivs in json.loads(hours).items()},
        holidays=[date.fromisoformat(d) for d in holidays],
    )


class ClockState(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    FULFILLED = "fulfilled", "Fulfilled"
    CANCELLED = "cancelled", "Withdrawn (no longer covered)"


RUNNING_STATES = (ClockState.ACTIVE, ClockState.PAUSED)


class SlaClock(models.Model):
    """One deadline of one metric on one ticket (one cycle of it: `next_reply` and
    `periodic_update` start a new clock each time they repeat).

    Business time is counted on the plan's schedule for the ticket's request type. While
    active, `due_at = calendar.add(running_since, target - used_before)`; pausing adds
    the time since `running_since` to `used_before` and clears `due_at`.
    """

    ticket = models.ForeignKey(
        "tickets.Ticket",
        on_delete=models.CASCADE,
        related_name="clocks",
        db_index=False,  # clock_by_ticket (ticket, metric) serves it; one index less to write
    )
    metric = models.CharField(max_length=16, choices=Metric.choices)
    state = models.CharField(max_length=16, choices=ClockState.choices, default=ClockState.ACTIVE)
    breached = models.BooleanField(default=False)
    warned = models.BooleanField(default=False)
    target_minutes = models.PositiveIntegerField()
    started_at = models.DateTimeField(help_text="When this cycle of the metric began.")
    running_since = models.DateTimeField(null=True, blank=True)
    used_before = models.BigIntegerField(
        default=0, help_text="Business seconds used before running_since."
    )
    due_at = models.DateTimeField(null=True, blank=True)
    warn_at = models.DateTimeField(null=True, blank=True)
    fulfilled_at = models.DateTimeField(null=True, blank=True)
    overridden = models.BooleanField(default=False, help_text="Deadline set by hand.")

    class Meta:
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket", "metric"],
                condition=models.Q(state__in=RUNNING_STATES),
                name="one_running_clock_per_metric",
            )
        ]
        indexes = [
            models.Index(
                fields=["due_at"],
                name="clock_breach_sweep",
                condition=models.Q(state="active", breached=False),
            ),
            models.Index(
                fields=["warn_at"],
                name="clock_warning_sweep",
                condition=models.Q(state="active", warned=False),
            ),
            models.Index(fields=["ticket", "metric"], name="clock_by_ticket"),
            models.Index(fields=["started_at"], name="clock_by_start"),
        ]

    def __str__(self) -> str:
        return f"#{self.ticket_id} {self.metric} {self.state}"


class SlaEventKind(models.TextChoices):
    ACTIVATED = "activated", "Activated"
    PAUSED = "paused", "Paused"
    RESUMED = "resumed", "Resumed"
    FULFILLED = "fulfilled", "Fulfilled"
    WARNED = "warned", "Warned"
    BREACHED = "breached", "Breached"
    RECOMPUTED = "recomputed", "Recomputed"
    CANCELLED = "cancelled", "Withdrawn"


class SlaEvent(models.Model):
    """Every transition of a clock, so anyone can see why a deadline is what it is."""

    clock = models.ForeignKey(SlaClock, on_delete=models.CASCADE, related_name="events")
    ticket = models.ForeignKey(
        "tickets.Ticket",
        on_delete=models.CASCADE,
        related_name="sla_events",
        db_index=False,  # sla_event_by_ticket (ticket, at) serves it
    )
    kind = models.CharField(max_length=16, choices=SlaEventKind.choices)
    at = models.DateTimeField()
    due_at = models.DateTimeField(null=True, blank=True)
    business_seconds_used = models.BigIntegerField(default=0)
    note = models.CharField(max_length=300, blank=True)
    reason = models.CharField(
        max_length=300,
        blank=True,
        db_default="",  # the sweep inserts events with SQL of its own
        help_text="Internal: why an agent set the deadline by hand; never shown to customers.",
    )

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["ticket", "at"], name="sla_event_by_ticket")]

    def __str__(self) -> str:
        return f"#{self.ticket_id} {self.kind}"
