"""The period of a report: days from `start` to `end`, both included, in the desk's time
zone, as the half-open range of instants the queries filter on."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.http import HttpRequest
from django.utils import timezone

from charterdesk.core.forms import PeriodForm

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


def period_from(request: HttpRequest) -> tuple[PeriodForm, Period | None]:
    """The period a report's form asks for (`start`, `end`), the default one without them;
    None with the form's errors when it is not valid."""
    fallback = default_period()
    data = request.GET if "start" in request.GET else {"start": fallback.start, "end": fallback.end}
    form = PeriodForm(data)
    if not form.is_valid():
        return form, None
    return form, Period(form.cleaned_data["start"], form.cleaned_data["end"])
