"""Business calendars: an unknown time zone, broken hours, a week without an open hour or
a holiday that is no date is refused by the model with the field named; night shifts and
several intervals a day are fine."""

import pytest
from django.core.exceptions import ValidationError

from charterdesk.sla.models import Calendar


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone", "is not a time zone"),
        ({"hours": {"mon": [["25:00", "26:00"]]}}, "hours", "Mon: bad time '25:00'"),
        ({"hours": {"mon": [["09:00", "12:00"], ["11:00", "13:00"]]}}, "hours", "overlaps"),
        ({"hours": {"funday": [["09:00", "17:00"]]}}, "hours", "Unknown day name"),
        ({"hours": {}}, "hours", "Open at least one interval"),
        ({"holidays": ["2026-02-30"]}, "holidays", "is not a date"),
        ({"holidays": ["9999-12-25"]}, "holidays", "outside the years"),
    ],
)
def test_the_model_refuses_an_invalid_calendar(personas, changes, field, words):
    calendar = Calendar(name="Broken", hours={"mon": [["09:00", "17:00"]]})
    for name, value in changes.items():
        setattr(calendar, name, value)
    with pytest.raises(ValidationError) as refused:
        calendar.save()
    assert words in " ".join(refused.value.message_dict[field])
    assert not Calendar.objects.filter(name="Broken").exists()


def test_night_shifts_and_split_days_are_valid(personas):
    calendar = Calendar.objects.create(
        name="Night desk",
        timezone="Asia/Tokyo",
        hours={"mon": [["08:00", "12:00"], ["13:00", "17:00"]], "fri": [["22:00", "06:00"]]},
        holidays=["2026-12-31"],
    )
    assert calendar.describe().startswith("Mon 08:00–12:00, 13:00–17:00")


def test_a_24x7_calendar_needs_no_hours(personas):
    assert Calendar.objects.create(name="Always", always_open=True).describe() == "24×7"
