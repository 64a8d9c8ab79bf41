"""What a valid business calendar is, in a support manager's words, field by field."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError

from charterdesk.calendars import BusinessCalendar
from charterdesk.core.moments import EARLIEST, LATEST

# Holidays further out than this are a typing error (a year 20026, say).
FIRST_HOLIDAY = EARLIEST.date()
LAST_HOLIDAY = LATEST.date() - timedelta(days=1)


def _check_holidays(holidays: Any) -> str | None:
    if not isinstance(holidays, list):
        return "List the holidays as dates."
    for day in holidays:
        try:
            parsed = date.fromisoformat(day) if isinstance(day, str) else None
        except ValueError:
            parsed = None
        if parsed is None:
            return f"“{day}” is not a date (write it as 2026-12-25)."
        if not FIRST_HOLIDAY <= parsed <= LAST_HOLIDAY:
            return f"{parsed:%d %b %Y} is outside the years a calendar covers (2000 to 2099)."
    return None


def check_calendar(timezone: str, hours: Any, holidays: Any, *, always_open: bool) -> None:
    """Raise a ValidationError naming the field: an unknown time zone, an hours interval
    that is not HH:MM–HH:MM or overlaps another, a week without any open hour (unless the
    calendar is 24×7), a holiday that is not a date."""
    errors: dict[str, str] = {}
    try:
        BusinessCalendar.always_open(timezone)
    except ValueError:
        errors["timezone"] = f"“{timezone}” is not a time zone; choose one from the list."
    problem = _check_holidays(holidays)
    if problem:
        errors["holidays"] = problem
    if not always_open and "timezone" not in errors and not problem:
        try:
            BusinessCalendar(timezone=timezone, hours=hours, holidays=holidays)
        except ValueError as exc:
            errors["hours"] = _hours_words(str(exc))
    if errors:
        raise ValidationError(errors)


def _hours_words(reason: str) -> str:
    """The library's reason, as a sentence on the page."""
    if "no open hours" in reason:
        return "Open at least one interval in the week, or make the calendar 24×7."
    return reason[0].upper() + reason[1:] + "."
