"""The post-mortem's due time: a number of business days after resolution."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from charterdesk.calendars import BusinessCalendar

WEEKDAYS = {day: [("00:00", "24:00")] for day in ("mon", "tue", "wed", "thu", "fri")}


def default_calendar() -> BusinessCalendar:
    """Monday to Friday in UTC, for severities without a calendar."""
    return BusinessCalendar("UTC", WEEKDAYS)


def business_days_after(start: datetime, days: int, calendar: BusinessCalendar) -> datetime:
    """The end of the `days`-th business day after the day of `start` (a business day is
    a day on which the calendar opens at all), in the calendar's zone."""
    zone = ZoneInfo(calendar.timezone)
    day = start.astimezone(zone).date()
    for _ in range(max(days, 0)):
        midnight = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
        day = calendar.next_open(midnight).astimezone(zone).date()
    return datetime.combine(day, time(23, 59, 59), tzinfo=zone)
