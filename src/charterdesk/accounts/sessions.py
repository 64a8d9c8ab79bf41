"""The sessions a person is signed in with: listed with their browser and when they were
last seen, signed out one by one or all at once ("sign out everywhere")."""

import re
from collections.abc import Callable
from datetime import timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db import transaction
from django.db.models import QuerySet
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .records import SignInSession
from .signin import client_address

SEEN_EVERY = timedelta(minutes=5)  # last_seen_at is written at most this often
SEEN_KEY = "_charterdesk_seen_at"


def _session_store(key: str) -> Any:
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=key)


@receiver(user_logged_in, dispatch_uid="accounts.sessions.signed_in")
def _signed_in(sender: object, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        session_record(request, user, key)
        request.session[SEEN_KEY] = timezone.now().timestamp()


@receiver(user_logged_out, dispatch_uid="accounts.sessions.signed_out")
def _signed_out(sender: object, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        SignInSession.objects.filter(session_key=key).delete()


def session_record(request: HttpRequest, user: Any, key: str) -> None:
    """Name this session on the user's list (or mark it seen now)."""
    SignInSession.objects.update_or_create(
        session_key=key,
        defaults={
            "user": user,
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:500],
            "ip_address": client_address(request) or None,
            "last_seen_at": timezone.now(),
        },
    )


def session_renamed(before: str, after: str) -> None:
    """This browser's session got a new key (Django changes it when the password does)."""
    if before and after and before != after:
        SignInSession.objects.filter(session_key=before).update(session_key=after)


def sessions_of(user: Any) -> QuerySet[SignInSession]:
    """The user's sessions that may still be in use, most recently seen first."""
    since = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    return SignInSession.objects.filter(user=user, last_seen_at__gte=since)


def session_sign_out(user: Any, session_id: int) -> bool:
    """End one of the user's sessions; False when it is not theirs (or already gone)."""
    found = SignInSession.objects.filter(user=user, pk=session_id).first()
    if found is None:
        return False
    _session_store(found.session_key).delete()
    found.delete()
    return True


def sessions_sign_out_all(user: Any, *, keep: str | None = None) -> int:
    """End every session of the user (but `keep`, the session key of the caller's own
    browser, when given); returns how many ended."""
    ended = 0
    for found in SignInSession.objects.filter(user=user).exclude(session_key=keep or ""):
        _session_store(found.session_key).delete()
        found.delete()
        ended += 1
    return ended


def sign_out_everywhere(request: HttpRequest, user: Any) -> None:
    """End all the user's sessions, this one included."""
    sessions_sign_out_all(user, keep=request.session.session_key)
    logout(request)


def browser_of(user_agent: str) -> str:
    """ "Firefox on Windows": a person recognises their device by this, not by the raw
    User-Agent header."""
    browser = next((name for pattern, name in _BROWSERS if re.search(pattern, user_agent)), "")
    system = next((name for pattern, name in _SYSTEMS if re.search(pattern, user_agent)), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or "Unknown browser"


# Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari".
_BROWSERS = [
    (r"Edg/", "Edge"),
    (r"OPR/|Opera", "Opera"),
    (r"Firefox/|FxiOS/", "Firefox"),
    (r"Chrome/|CriOS/|Chromium/", "Chrome"),
    (r"Safari/", "Safari"),
    (r"curl/|python-|httpx", "A script"),
]
_SYSTEMS = [
    (r"iPhone|iPad", "iOS"),
    (r"Android", "Android"),
    (r"Windows", "Windows"),
    (r"Mac OS X|Macintosh", "macOS"),
    (r"CrOS", "ChromeOS"),
    (r"Linux", "Linux"),
]


class SignInSessionMiddleware:
    """Keeps each signed-in session on its owner's list, marked seen at most every 5
    minutes (the session remembers when, so most requests cost no query)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is not None and user.is_authenticated and session and session.session_key:
            now = timezone.now()
            seen = session.get(SEEN_KEY, 0)
            if now.timestamp() - seen > SEEN_EVERY.total_seconds():
                with transaction.atomic():
                    session_record(request, user, session.session_key)
                session[SEEN_KEY] = now.timestamp()
        return self.get_response(request)
