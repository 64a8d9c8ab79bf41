"""The reader's time zone: pages show times in it. A contact sets it in the profile; until
then (and for agents) the browser's zone, posted once by a small script, is kept in the
session."""

from collections.abc import Callable
from functools import cache
from zoneinfo import available_timezones

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

SESSION_KEY = "time_zone"


@cache
def time_zone_names() -> tuple[str, ...]:
    return tuple(sorted(available_timezones() - {"Factory", "localtime"}))


def is_time_zone(name: str) -> bool:
    return name in time_zone_names()


def reader_time_zone(request: HttpRequest) -> str:
    """The profile's zone, else the browser's guess, else "" (the site's zone is used)."""
    user = getattr(request, "user", None)
    contact = getattr(user, "contact", None) if user is not None else None
    chosen = contact.time_zone if contact is not None else ""
    if chosen and is_time_zone(chosen):
        return chosen
    guessed = request.session.get(SESSION_KEY, "") if hasattr(request, "session") else ""
    return guessed if isinstance(guessed, str) and is_time_zone(guessed) else ""


class TimeZoneMiddleware:
    """Activates the reader's time zone for the request; `request.time_zone_name` is ""
    while it is unknown, which makes base.html ask the browser."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = reader_time_zone(request)
        request.time_zone_name = name  # type: ignore[attr-defined]
        if name:
            timezone.activate(name)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
