import json
from datetime import date
from functools import cached_property, lru_cache

from django.core.exceptions import ValidationError
from django.db import models

from charterdesk.calendars import BusinessCalendar


class Calendar(models.Model):
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
        try:
            self.business_calendar  # noqa: B018 - building it validates every field
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc


@lru_cache(maxsize=128)
def _built(timezone: str, hours: str, holidays: tuple[str, ...]) -> BusinessCalendar:
    """One calendar object per distinct definition and process: it keeps its precomputed
    open intervals between requests. An edited calendar has a new key."""
    return BusinessCalendar(
        timezone=timezone,
        hours={day: [tuple(iv) for iv in ivs] for day, ivs in json.loads(hours).items()},
        holidays=[date.fromisoformat(d) for d in holidays],
    )
