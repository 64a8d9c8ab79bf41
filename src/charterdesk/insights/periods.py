"""The period of a report: days from `start` to `end`, both included, in the desk's time
zone, as the half-open range of instants the queries filter on."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

DEFAULT_DAYS = 90


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    @property
    def query(self) -> str:
        return f"start={self.start.isoformat()}&end={self.end.isoformat()}"


def default_period() -> Period:
    today = timezone.localdate()
    return Period(today - timedelta(days=DEFAULT_DAYS - 1), today)
