"""Times people type are checked against sane bounds before any arithmetic: a year 1 or
9999 would overflow when converted to UTC or moved by a day, and nobody means it."""

from datetime import UTC, date, datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from pydantic import AfterValidator

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
OUT_OF_RANGE = "Give a time between the years 2000 and 2099."


def is_reasonable(value: datetime) -> bool:
    """Aware times compare exactly whatever their offsets (no conversion that overflows);
    naive ones are compared by their fields."""
    if value.tzinfo is None:
        return EARLIEST.replace(tzinfo=None) <= value < LATEST.replace(tzinfo=None)
    return EARLIEST <= value < LATEST


def check_reasonable(value: datetime | None, field: str) -> None:
    if value is not None and not is_reasonable(value):
        raise ValidationError({field: OUT_OF_RANGE})


def reasonable_time(value: datetime) -> None:
    """A form field validator."""
    if not is_reasonable(value):
        raise ValidationError(OUT_OF_RANGE)


def reasonable_date(value: date) -> None:
    """A form field validator for dates (a day is turned into times in a time zone)."""
    if not EARLIEST.date() <= value < LATEST.date():
        raise ValidationError("Give a date between the years 2000 and 2099.")


def _date_in_range(value: date) -> date:
    if not EARLIEST.date() <= value < LATEST.date():
        raise ValueError("Give a date between the years 2000 and 2099.")
    return value


def _time_in_range(value: datetime) -> datetime:
    if not is_reasonable(value):
        raise ValueError(OUT_OF_RANGE)
    return value


# For API schemas: out of range is a 422 with the field's message.
ReasonableDate = Annotated[date, AfterValidator(_date_in_range)]
ReasonableDateTime = Annotated[datetime, AfterValidator(_time_in_range)]
