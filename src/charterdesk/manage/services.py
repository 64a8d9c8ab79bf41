"""Writes of the settings area. The caller (the view) owns the transaction; every model
checks its own rules on save (core.checked), so a refused value raises ValidationError
with the field named, and the audit log records the change (core.audit)."""

from typing import Any

from django.core.exceptions import ValidationError

from charterdesk.calendars import holidays_for
from charterdesk.sla.models import Calendar


def calendar_save(*, calendar: Calendar, data: dict[str, Any]) -> Calendar:
    """Save a calendar as the form set it (hours, days off), with the public holidays of
    the chosen country, region and years added to its days off."""
    days = set(calendar.holidays)
    if data.get("country"):
        years = range(data["first_year"], data["last_year"] + 1)
        try:
            found = holidays_for(data["country"], subdiv=data.get("region") or None, years=years)
        except ValueError as exc:
            raise ValidationError({"country": "No public holidays are known for it."}) from exc
        days |= {day.isoformat() for day in found}
    calendar.holidays = sorted(days)
    calendar.save()
    return calendar
