"""The `date` filter of every template (core/dates.py, issue #13) writes what Django's
writes: each fast letter, escaped text, time zones with and without summer time (the hour
that repeats and the one that does not exist), naive datetimes, other languages, and the
formats and values it leaves to Django."""

import datetime
import itertools
import zoneinfo

import pytest
from django.template import Context, Template, defaultfilters
from django.utils import dateformat, timezone, translation

from charterdesk.core.dates import date_filter, formatted

ZONES = [
    datetime.UTC,
    datetime.timezone(datetime.timedelta(hours=5, minutes=30)),
    zoneinfo.ZoneInfo("UTC"),
    zoneinfo.ZoneInfo("Europe/Zurich"),
    zoneinfo.ZoneInfo("America/New_York"),
    zoneinfo.ZoneInfo("Australia/Lord_Howe"),
]
FORMATS = [
    "j M Y, H:i T",
    "D j M, H:i T",
    "j M, H:i T",
    "j M H:i",
    "j M Y",
    "c",
    "D j M Y, H:i T",
    "d.m.y G:i:s n",
    r"\a\t H\h i \T T",
    "Y-m-d",
    "jS F Y",  # letters left to Django
    "N j, Y, P e O",
]


def _naive(*parts: int) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=datetime.UTC).replace(tzinfo=None)


def _moments() -> list[datetime.datetime]:
    naive = [
        _naive(2026, 1, 1, 0, 0, 0),
        _naive(2026, 3, 29, 2, 30, 5, 123456),  # Zurich: no such time
        _naive(2026, 10, 25, 2, 30),  # Zurich: twice
        _naive(2026, 11, 1, 1, 30),  # New York: twice
        _naive(999, 12, 31, 23, 59, 59),
        _naive(2026, 12, 5, 9, 7, 3),
    ]
    out = list(naive)
    for moment, zone in itertools.product(naive, ZONES):
        out.append(moment.replace(tzinfo=zone))
        out.append(moment.replace(tzinfo=zone, fold=1))
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_as_django_writes_it(fmt):
    for moment in _moments():
        assert formatted(moment, fmt) == dateformat.format(moment, fmt), (moment, fmt)
        assert date_filter(moment, fmt) == defaultfilters.date(moment, fmt)


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_day_and_month_names_in_the_active_language(language):
    with translation.override(language):
        for month in range(1, 13):
            moment = datetime.datetime(2026, month, 3, 10, 0, tzinfo=datetime.UTC)
            assert formatted(moment, "D j M") == dateformat.format(moment, "D j M")


def test_what_it_leaves_to_django():
    day = datetime.date(2026, 12, 5)
    assert date_filter(day, "j M Y") == defaultfilters.date(day, "j M Y") == "5 Dec 2026"
    assert date_filter(None, "j M") == "" and date_filter("", "j M") == ""
    assert date_filter("not a date", "j M") == defaultfilters.date("not a date", "j M")
    moment = datetime.datetime(2026, 12, 5, 9, 7, tzinfo=datetime.UTC)
    for named in (None, "DATE_FORMAT", "SHORT_DATETIME_FORMAT"):
        assert date_filter(moment, named) == defaultfilters.date(moment, named)


def test_templates_use_it_with_the_current_time_zone(settings):
    moment = datetime.datetime(2026, 10, 25, 0, 30, tzinfo=datetime.UTC)  # 02:30 in Zurich
    ours = Template('{{ d|date:"D j M, H:i T" }} {{ d|date:"c" }} {{ d|date }} {{ x|date:"j" }}')
    context = Context({"d": moment, "x": "<b>"})
    for zone in ("UTC", "Europe/Zurich", "America/New_York"):
        with timezone.override(zone):
            local = timezone.localtime(moment)
            expected = (
                f"{dateformat.format(local, 'D j M, H:i T')} {local.isoformat()} "
                f"{defaultfilters.date(local)} "
            )
            assert ours.render(context) == expected
    assert "charterdesk.core.templatetags.dates" in settings.TEMPLATES[0]["OPTIONS"]["builtins"]
