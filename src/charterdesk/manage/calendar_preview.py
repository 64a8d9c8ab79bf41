"""What a calendar means in practice: its next opening hours, and the answer to "what is
N business hours after this moment?", both in the calendar's own time zone."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from charterdesk.sla.models import Calendar

OPENINGS_SHOWN = 6


@dataclass(frozen=True)
class Opening:
    opens: datetime
    closes: datetime | None  # None: open around the clock


def next_openings(calendar: Calendar, now: datetime) -> list[Opening]:
    zone = ZoneInfo(calendar.timezone)
    found = calendar.business_calendar.openings(now.astimezone(zone), OPENINGS_SHOWN)
    return [Opening(opens, closes) for opens, closes in found]


def in_calendar_time(calendar: Calendar, typed: datetime) -> datetime:
    """A time typed on the page (read in the reader's zone by the form) taken as wall time
    in the calendar's zone: "Friday 16:00" means 16:00 where the calendar is."""
    wall = timezone.make_naive(typed) if timezone.is_aware(typed) else typed
    return wall.replace(tzinfo=ZoneInfo(calendar.timezone))


def hours_after(calendar: Calendar, typed: datetime, hours: Decimal) -> datetime:
    start = in_calendar_time(calendar, typed)
    return calendar.business_calendar.add(start, timedelta(hours=float(hours)))
