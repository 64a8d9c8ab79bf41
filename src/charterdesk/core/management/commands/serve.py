import os
import signal
import socket
import subprocess
import sys
import time
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


class Command(CharterCommand):
    help = "Migrate, then run web server, background worker and scheduler together."

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
        children = {name: subprocess.Popen(argv) for name, argv in parts.items()}  # noqa: S603
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
        for child in children.values():
            if child.poll() is None:
                child.terminate()
        for child in children.values():
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
        sys.exit(code)

    def _watch(self, children: dict[str, subprocess.Popen[bytes]], stop: dict[str, bool]) -> int:
        while not stop["now"]:
            for name, child in children.items():
                if child.poll() is not None:
                    self.stderr.write(f"{name} stopped (exit {child.returncode}); stopping all")
                    return 1
            time.sleep(0.5)
        return 0
