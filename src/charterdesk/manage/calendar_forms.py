"""The business calendar form: a row of hours per weekday (several intervals, night
shifts), a time zone from the list, one-off days off and public holidays imported by
country and region for chosen years."""

import re
from datetime import date
from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from charterdesk.calendars import BusinessCalendar, holiday_countries
from charterdesk.customers.time_zones import time_zone_names
from charterdesk.sla.models import Calendar

DAYS = [
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
    ("sun", "Sunday"),
]
_INTERVAL = re.compile(r"^(\d{1,2}:\d{2})\s*(?:-|–|—|to)\s*(\d{1,2}:\d{2})$")
HOURS_HELP = "e.g. 09:00–12:30, 13:30–17:30; a night shift as 22:00–06:00; empty: closed."
FIRST_YEAR, LAST_YEAR = 2000, 2099


@cache
def country_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [(code, f"{name} ({code})") for code, name, _ in holiday_countries()]


@cache
def _subdivisions() -> dict[str, list[str]]:
    return {code: subdivs for code, _, subdivs in holiday_countries()}


def hours_text(intervals: list[list[str]]) -> str:
    """[["09:00", "12:00"], ["13:00", "17:00"]] -> "09:00–12:00, 13:00–17:00"."""
    return ", ".join(f"{start}–{end}" for start, end in intervals)


def _intervals(text: str, day: str) -> list[list[str]]:
    intervals = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        found = _INTERVAL.match(part)
        if found is None:
            raise forms.ValidationError(f"“{part}” is not an interval; write it as 09:00–17:30.")
        intervals.append([f"{int(t[:-3]):02}:{t[-2:]}" for t in found.groups()])
    if intervals:
        try:
            BusinessCalendar("UTC", {day: intervals})
        except ValueError as exc:
            reason = str(exc).removeprefix(f"{day}: ")
            raise forms.ValidationError(reason[0].upper() + reason[1:] + ".") from exc
    return intervals


def _days_off(text: str) -> list[str]:
    days = []
    for line in filter(None, (line.strip() for line in text.splitlines())):
        first = line.split()[0]
        try:
            day = date.fromisoformat(first)
        except ValueError:
            raise forms.ValidationError(
                f"“{first}” is not a date; write one day a line as 2026-12-24."
            ) from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise forms.ValidationError(f"{day:%d %b %Y} is outside the years 2000 to 2099.")
        days.append(day.isoformat())
    return days


class CalendarForm(forms.ModelForm):
    timezone = forms.ChoiceField(label="Time zone")
    days_off = forms.CharField(
        label="Holidays and days off",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One day a line (2026-12-24); imported public holidays are added here.",
    )
    country = forms.ChoiceField(label="Import the public holidays of", required=False)
    region = forms.CharField(
        label="Region", required=False, max_length=10, help_text="e.g. ENG, BY, CA; optional."
    )
    first_year = forms.IntegerField(label="From year", required=False, min_value=FIRST_YEAR)
    last_year = forms.IntegerField(label="To year", required=False, max_value=LAST_YEAR)

    class Meta:
        model = Calendar
        fields = ["name", "timezone", "always_open"]
        labels = {"always_open": "Open around the clock (24×7)"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = [(z, z.replace("_", " ")) for z in time_zone_names()]  # type: ignore[attr-defined]
        self.fields["country"].choices = country_choices()  # type: ignore[attr-defined]
        hours = self.instance.hours or {}
        for day, label in DAYS:
            self.fields[day] = forms.CharField(
                label=label, required=False, max_length=200, help_text=HOURS_HELP
            )
            self.initial.setdefault(day, hours_text(hours.get(day, [])))
        self.initial.setdefault("days_off", "\n".join(self.instance.holidays or []))

    def day_fields(self) -> list[forms.BoundField]:
        return [self[day] for day, _ in DAYS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for day, _ in DAYS:
            if day in data:
                try:
                    data[day] = _intervals(data[day], day)
                except forms.ValidationError as error:
                    self.add_error(day, error)
        try:
            data["days_off"] = _days_off(data.get("days_off", ""))
        except forms.ValidationError as error:
            self.add_error("days_off", error)
        self._check_import(data)
        # The model checks the week as a whole (a week without an open hour) when the
        # form validates the instance, right after this.
        self.instance.hours = {day: data[day] for day, _ in DAYS if data.get(day)}
        self.instance.holidays = data.get("days_off") or []
        return data

    def _update_errors(self, errors: ValidationError) -> None:
        """The model names its own fields (`hours`, `holidays`); this form shows the week's
        errors above the grid and the holidays' at the days off."""
        if hasattr(errors, "error_dict"):
            renamed = {"hours": NON_FIELD_ERRORS, "holidays": "days_off"}
            errors = ValidationError(
                {
                    renamed.get(field, field): messages
                    for field, messages in errors.error_dict.items()
                }
            )
        super()._update_errors(errors)  # type: ignore[misc]

    def _check_import(self, data: dict[str, Any]) -> None:
        country, region = data.get("country"), (data.get("region") or "").strip().upper()
        data["region"] = region
        if not country:
            if region:
                self.add_error("country", "Choose the country of this region.")
            return
        if region and region not in _subdivisions().get(country, []):
            known = ", ".join(_subdivisions().get(country, [])) or "none"
            self.add_error("region", f"Not a region of {country}; known regions: {known}.")
        first, last = data.get("first_year"), data.get("last_year")
        if first is None or last is None:
            self.add_error("first_year", "Give the years to import, e.g. 2026 to 2028.")
        elif last < first:
            self.add_error("last_year", "The last year is before the first.")
        elif last - first >= 20:
            self.add_error("last_year", "Import at most 20 years at once.")


class TryForm(forms.Form):
    """ "What is 8 business hours after Friday 16:00?" in the calendar's own time."""

    start = forms.DateTimeField(
        label="After",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    hours = forms.DecimalField(
        label="Business hours", min_value=0, max_value=10_000, decimal_places=2, initial=8
    )

    def clean_start(self) -> Any:
        start = self.cleaned_data["start"]
        if not FIRST_YEAR <= start.year <= LAST_YEAR:
            raise forms.ValidationError("Give a time between the years 2000 and 2099.")
        return start
