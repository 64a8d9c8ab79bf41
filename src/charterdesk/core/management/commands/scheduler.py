import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import CommandParser
from django.db import close_old_connections
from django.utils import timezone

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
        while self.running:
            close_old_connections()
            for name in run_due(timezone.now()):
                if options["verbosity"] > 1:  # every minute for some jobs: only when asked
                    self.stdout.write(f"enqueued {name}")
            if options["once"]:
                return
            deadline = time.monotonic() + options["interval"]
            while self.running and time.monotonic() < deadline:
                time.sleep(0.2)

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self.running = False
