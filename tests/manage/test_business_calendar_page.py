"""A manager sets up a business calendar on a page: hours per weekday (split days, night
shifts), a time zone from the list, public holidays imported by country and region plus
one-off days; mistakes are shown next to their field with what was typed kept; the page
previews the next opening hours and answers "what is 8 business hours after …?"."""

from charterdesk.sla.models import Calendar

WEEK = {"mon": "", "tue": "", "wed": "", "thu": "", "fri": "", "sat": "", "sun": ""}


def _form(**fields: str) -> dict[str, str]:
    return {"name": "Berlin support", "timezone": "Europe/Berlin", "days_off": ""} | WEEK | fields


def test_a_manager_creates_a_calendar_with_imported_holidays(login, personas):
    data = _form(
        mon="09:00–12:30, 13:30–17:30",
        fri="9:00-15:00",
        sat="22:00–06:00",
        days_off="2026-12-24 Christmas Eve",
        country="DE",
        region="by",
        first_year="2026",
        last_year="2027",
    )
    page = login(personas.manager).post("/manage/calendars/new", data)
    calendar = Calendar.objects.get(name="Berlin support")
    assert page.status_code == 302 and page["Location"] == f"/manage/calendars/{calendar.pk}/"
    assert calendar.hours == {
        "mon": [["09:00", "12:30"], ["13:30", "17:30"]],
        "fri": [["09:00", "15:00"]],
        "sat": [["22:00", "06:00"]],
    }
    assert "2026-12-24" in calendar.holidays  # the one-off day
    assert "2026-01-06" in calendar.holidays and "2027-11-01" in calendar.holidays  # Bavaria
    html = login(personas.manager).get(page["Location"]).content.decode()
    assert "Mon 09:00–12:30, 13:30–17:30" in html
    assert "09:00–12:30, 13:30–17:30" in html  # the grid shows the hours as typed


def test_mistakes_are_shown_next_to_their_field_and_nothing_is_saved(login, personas):
    data = _form(
        name="",
        tue="9 to 5",
        wed="09:00–12:00, 11:00–13:00",
        days_off="24.12.2026",
        country="DE",
        region="XX",
        first_year="2026",
        last_year="2020",
    )
    page = login(personas.manager).post("/manage/calendars/new", data)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Nothing was saved" in html
    assert "“9 to 5” is not an interval; write it as 09:00–17:30." in html
    assert "Interval 09:00-12:00 overlaps 11:00-13:00." in html
    assert "“24.12.2026” is not a date" in html
    assert "Not a region of DE" in html
    assert "The last year is before the first." in html
    assert 'value="9 to 5"' in html  # what was typed is kept
    assert not Calendar.objects.filter(timezone="Europe/Berlin").exists()


def test_a_week_without_any_open_hour_is_refused_in_words(login, personas):
    page = login(personas.manager).post("/manage/calendars/new", _form())
    assert "Open at least one interval in the week, or make the calendar 24×7." in (
        page.content.decode()
    )
    page = login(personas.manager).post("/manage/calendars/new", _form(always_open="on"))
    assert page.status_code == 302


def test_an_unknown_time_zone_is_a_field_error(login, personas):
    page = login(personas.manager).post(
        "/manage/calendars/new", _form(timezone="Mars/Base", mon="09:00–17:00")
    )
    assert "Select a valid choice. Mars/Base is not one of the available choices." in (
        page.content.decode()
    )


def test_the_page_previews_openings_and_counts_business_hours(login, personas):
    calendar = Calendar.objects.get(name="London business hours")
    client = login(personas.manager)
    html = client.get(f"/manage/calendars/{calendar.pk}/").content.decode()
    assert "Next opening hours" in html and html.count("17:30</li>") == 6
    # Friday 4 December 2026, 16:00 in London: 1.5 h on Friday, 6.5 h on Monday.
    html = client.get(
        f"/manage/calendars/{calendar.pk}/", {"hours": "8", "start": "2026-12-04T16:00"}
    ).content.decode()
    assert "8 business hours after Fri 4 Dec 2026, 16:00 is <b>Mon 7 Dec 2026, 15:30</b>" in html


def test_times_are_read_and_shown_in_the_calendars_zone_whatever_the_readers(login, personas):
    calendar = Calendar.objects.create(
        name="Tokyo", timezone="Asia/Tokyo", hours={"fri": [["09:00", "17:00"]]}
    )
    client = login(personas.manager)
    session = client.session
    session["time_zone"] = "America/New_York"  # the reader's browser
    session.save()
    html = client.get(
        f"/manage/calendars/{calendar.pk}/", {"hours": "2", "start": "2026-12-04T16:00"}
    ).content.decode()
    assert "2 business hours after Fri 4 Dec 2026, 16:00 is <b>Fri 11 Dec 2026, 10:00</b>" in html
    assert "Fri 11 Dec 2026, 09:00 – Fri 17:00" in html or "09:00 – Fri 17:00" in html
