import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import CommandParser
from django.db import close_old_connections
from django.utils import timezone

from ...outage import DATABASE_DOWN, Outage
from ...schedule import run_due
from ..base import CharterCommand, positive_int


class Command(CharterCommand):
    help = "Enqueue periodic jobs (sweeps, clean-ups). Safe to run on several machines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=positive_int, default=5, help="Seconds between checks."
        )
        parser.add_argument("--once", action="store_true", help="Check once, then exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        outage = Outage("scheduler", sleep=self._pause)
        while self.running:
            try:
                close_old_connections()
                for name in run_due(timezone.now()):
                    if options["verbosity"] > 1:  # every minute for some jobs: only when asked
                        self.stdout.write(f"enqueued {name}")
            except DATABASE_DOWN as error:
                if options["once"]:
                    raise
                outage.ride_out(error, running=lambda: self.running)
                continue
            if options["once"]:
                return
            self._pause(options["interval"])

    def _pause(self, seconds: float) -> None:
        """Sleep, waking early when asked to stop."""
        deadline = time.monotonic() + seconds
        while self.running and time.monotonic() < deadline:
            time.sleep(0.2)

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self.running = False
