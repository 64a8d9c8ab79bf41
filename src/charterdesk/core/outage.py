"""Riding out a database outage. The long-running processes (worker, scheduler) catch the
errors a lost connection raises, say so in one line, wait with a growing pause (1 s, 2 s,
4 s … up to 30 s) while asking the database whether it is back, say so in one more line
and carry on. A restart of PostgreSQL then costs the time it is down, nothing more."""

import logging
import sys
import time
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

# What Django raises when the connection is lost or cannot be opened.
DATABASE_DOWN = (OperationalError, InterfaceError)

log = logging.getLogger(__name__)


def forget_connections() -> None:
    """Drop every connection (a broken one would be reused); the next query reconnects."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DATABASE_DOWN:
            connection.connection = None


def database_answers() -> bool:
    forget_connections()
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DATABASE_DOWN:
        return False
    return True


class Outage:
    """One line when the database goes away, one when it is back, and the pauses between."""

    FIRST, LONGEST = 1.0, 30.0

    def __init__(self, process: str, sleep: Callable[[float], None] = time.sleep) -> None:
        self.process = process
        self.sleep = sleep
        self.since: float | None = None
        self.pause = self.FIRST

    def ride_out(self, error: BaseException, running: Callable[[], bool] = lambda: True) -> bool:
        """Wait until the database answers again (or `running()` turns false); returns
        whether it is back."""
        self.since = time.monotonic()
        reason = _first_line(error)
        log.warning(
            "%s: the database is unavailable (%s); retrying with backoff", self.process, reason
        )
        self.pause = self.FIRST
        while running():
            self.sleep(self.pause)
            if database_answers():
                log.warning(
                    "%s: the database is back after %.0f s; carrying on",
                    self.process,
                    time.monotonic() - self.since,
                )
                self.since = None
                return True
            self.pause = min(self.pause * 2, self.LONGEST)
        return False


RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"
UNREACHABLE = "The database is not reachable; nothing was changed. Try again shortly."


def log_request_outage(request: HttpRequest, error: BaseException) -> None:
    """One line for a request the database could not serve (no traceback: it is not a bug)."""
    log.warning(
        "%s %s: 503, the database is unavailable (%s)",
        request.method,
        request.path,
        _first_line(error),
    )


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class DatabaseOutageMiddleware:
    """A page or API request that loses the database answers 503 with `Retry-After`, not 500.
    The API's own handler (api/problems.py) does the same in problem+json, since ninja
    catches exceptions before any middleware sees them; `server_error` below does it for a
    database lost in a middleware (loading the session, the user, the lockout counts)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, error: Exception) -> HttpResponse | None:
        if not isinstance(error, DATABASE_DOWN):
            return None
        return outage_response(request, error)


def server_error(request: HttpRequest) -> HttpResponse:
    """The site's 500 handler (`handler500` in urls.py). Django calls it for an error
    raised anywhere outside a view too: in a middleware before the view (the session, the
    signed-in user, django-axes) or after it (saving the session). A lost database there
    answers 503 like everywhere else; any other error keeps Django's 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN):
        response = outage_response(request, error)
        response._has_been_logged = True  # type: ignore[attr-defined]  # our one line is enough
        return response
    return defaults.server_error(request)


def outage_response(request: HttpRequest, error: BaseException) -> HttpResponse:
    """503 with Retry-After: problem+json under /api/, a short page elsewhere; one log line."""
    log_request_outage(request, error)
    forget_connections()
    if request.path.startswith(API_PREFIX):
        body = {
            "type": "about:blank",
            "title": "Service unavailable",
            "status": 503,
            "detail": UNREACHABLE,
            "instance": request.path,
        }
        response: HttpResponse = JsonResponse(
            body, status=503, content_type="application/problem+json"
        )
    else:
        # A plain template with no context processor: they may need the database too.
        html = loader.get_template("503.html").render({"detail": UNREACHABLE})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
