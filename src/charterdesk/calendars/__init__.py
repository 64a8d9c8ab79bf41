"""Business-time arithmetic: opening hours in a time zone, minus holidays.

Pure Python (no Django).  ``BusinessCalendar.add`` and ``elapsed`` are O(log n) lookups in
lazily built, per-year cached arrays of open intervals in UTC microseconds.
"""

from ._calendar import BusinessCalendar
from ._public_holidays import holiday_countries, holidays_for

__all__ = ["BusinessCalendar", "holiday_countries", "holidays_for"]
