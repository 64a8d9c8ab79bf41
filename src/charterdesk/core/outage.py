"""Riding out a database outage. The long-running processes (worker, scheduler) catch the
errors a lost connection raises, say so in one line, wait with a growing pause (1 s, 2 s,
4 s … up to 30 s) while asking the database whether it is back, say so in one more line
and carry on. A restart of PostgreSQL then costs the time it is down, nothing more."""

import logging
import time
from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connections

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
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
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
