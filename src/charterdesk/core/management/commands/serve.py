import os
import signal
import socket
import subprocess
import sys
import time
from collections import deque
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandParser

from ...banner import startup_lines
from ..base import CharterCommand, port_number

STARTUP_WAIT = 30  # seconds the banner waits for the web server before printing anyway


def _wait_until_answering(host: str, port: int) -> None:
    """The banner comes last: after the server (and its start-up lines) is up."""
    deadline = time.monotonic() + STARTUP_WAIT
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)


# A child that stops is started again, unless it stopped this often within this window:
# then it keeps dying (a wrong setting, a broken install) and everything stops, saying so.
RESTARTS, WITHIN = 5, 60.0


class Children:
    """The child processes by name, each started again when it stops, up to the limit."""

    def __init__(self, parts: dict[str, list[str]], restarts: int, within: float) -> None:
        self.parts = parts
        self.restarts, self.within = restarts, within
        self.procs = {name: self._start(argv) for name, argv in parts.items()}
        self.stops: dict[str, deque[float]] = {name: deque() for name in parts}

    @staticmethod
    def _start(argv: list[str]) -> subprocess.Popen[bytes]:
        return subprocess.Popen(argv)  # noqa: S603 - our own command line

    def check(self) -> str:
        """Start again every child that stopped; returns why to give up, if one keeps dying."""
        now = time.monotonic()
        for name, proc in self.procs.items():
            if proc.poll() is None:
                continue
            stops = self.stops[name]
            stops.append(now)
            while stops and now - stops[0] > self.within:
                stops.popleft()
            if len(stops) > self.restarts:
                return (
                    f"{name} keeps stopping (exit {proc.returncode}; {len(stops)} times in "
                    f"{self.within:.0f} s): stopping CharterDesk; see the lines above for why"
                )
            sys.stderr.write(
                f"{name} stopped (exit {proc.returncode}); starting it again "
                f"({len(stops)} of {self.restarts} restarts in {self.within:.0f} s)\n"
            )
            self.procs[name] = self._start(self.parts[name])
        return ""

    def stop(self) -> None:
        for child in self.procs.values():
            if child.poll() is None:
                child.terminate()
        for child in self.procs.values():
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()


class Command(CharterCommand):
    help = (
        "Migrate, then run web server, background worker and scheduler together; "
        "a part that stops is started again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=port_number, default=os.environ.get("PORT", "8000"))

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        me = [sys.executable, "-m", "charterdesk.cli"]
        parts = {
            "web": [*me, "web", "--host", options["host"], "--port", str(options["port"])],
            "worker": [*me, "worker"],
            "scheduler": [*me, "scheduler"],
        }
        children = Children(parts, RESTARTS, WITHIN)
        _wait_until_answering(options["host"], options["port"])
        backend = getattr(settings, "EMAIL_BACKEND", "")
        if backend.endswith("filebased.EmailBackend"):
            self.stdout.write(f"Outgoing mail is written to {settings.EMAIL_FILE_PATH}")
        lines: list[str] = []
        startup_lines.announce(lines)
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(
            f"CharterDesk is running on http://{options['host']}:{options['port']}/ "
            f"(web, worker and scheduler; Ctrl-C stops all)"
        )
        stop = {"now": False}

        def request_stop(signum: int, frame: object) -> None:
            stop["now"] = True

        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
        code = self._watch(children, stop)
        children.stop()
        sys.exit(code)

    def _watch(self, children: Children, stop: dict[str, bool]) -> int:
        while not stop["now"]:
            why = children.check()
            if why:
                self.stderr.write(why)
                return 1
            time.sleep(0.5)
        return 0
