"""Calendar months in a contract's time zone: the period a usage statement covers."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from charterdesk.plans.models import Contract

MONTH_FORMAT = re.compile(r"^(\d{4})-(\d{2})$")
MONTHS_IN_YEAR = 12
FIRST_YEAR, LAST_YEAR = 1970, 9998  # the next month of the last one is still a date


@dataclass(frozen=True, order=True)
class Month:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> "Month":
        """`YYYY-MM`; ValueError with a message for people otherwise."""
        found = MONTH_FORMAT.match(text.strip())
        if not found or not 1 <= int(found[2]) <= MONTHS_IN_YEAR:
            raise ValueError("Give a month as YYYY-MM, e.g. 2026-11.")
        if not FIRST_YEAR <= int(found[1]) <= LAST_YEAR:
            raise ValueError(f"Give a month as YYYY-MM between {FIRST_YEAR} and {LAST_YEAR}.")
        return cls(int(found[1]), int(found[2]))

    @classmethod
    def of(cls, day: date) -> "Month":
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.number:02d}"

    @property
    def label(self) -> str:
        return self.first_day.strftime("%B %Y")

    @property
    def first_day(self) -> date:
        return date(self.year, self.number, 1)

    def previous(self) -> "Month":
        if self.number == 1:
            return Month(self.year - 1, MONTHS_IN_YEAR)
        return Month(self.year, self.number - 1)

    def next(self) -> "Month":
        if self.number == MONTHS_IN_YEAR:
            return Month(self.year + 1, 1)
        return Month(self.year, self.number + 1)

    def bounds(self, zone: ZoneInfo) -> tuple[datetime, datetime]:
        """[start, end) of the month in `zone`: midnight of the 1st to midnight of the next 1st."""
        start = datetime.combine(self.first_day, time.min, tzinfo=zone)
        return start, datetime.combine(self.next().first_day, time.min, tzinfo=zone)


def zone_of(contract: Contract) -> ZoneInfo:
    """The contract's time zone: its plan's business calendar's, else UTC."""
    try:
        return ZoneInfo(contract.plan.calendar.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def current_month(contract: Contract, now: datetime) -> Month:
    return Month.of(now.astimezone(zone_of(contract)).date())
