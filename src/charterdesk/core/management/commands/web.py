import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandParser

from ..base import CharterCommand, port_number, positive_int


def gunicorn_argv(host: str, port: int, workers: int, threads: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "charterdesk.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--timeout",
        "60",
        "--graceful-timeout",
        "10",
        "--access-logfile",
        "-" if settings.DEBUG else "/dev/null",
        "--error-logfile",
        "-",
        "--no-control-socket",
    ]


class Command(CharterCommand):
    help = "Serve the web site and API with gunicorn (a production WSGI server)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=port_number, default=os.environ.get("PORT", "8000"))
        parser.add_argument(
            "--workers", type=positive_int, default=os.environ.get("WEB_WORKERS", "2")
        )
        parser.add_argument(
            "--threads", type=positive_int, default=os.environ.get("WEB_THREADS", "8")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        start_checkpointer()
        argv = gunicorn_argv(
            options["host"], options["port"], options["workers"], options["threads"]
        )
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with gunicorn


def start_checkpointer() -> subprocess.Popen[bytes] | None:
    """On a SQLite file, the WAL checkpointer beside the server (core/sqlite/checkpointer.py):
    a child of this process, which becomes gunicorn's master, and stops when it does.
    SQLITE_CHECKPOINTER=0 leaves the checkpoints to the requests' commits, as SQLite does."""
    database = settings.DATABASES["default"]
    wanted = os.environ.get("SQLITE_CHECKPOINTER", "1").strip().lower()
    name = str(database["NAME"])
    if (
        database["ENGINE"] != "charterdesk.core.sqlite"
        or wanted in ("0", "false", "no", "off")
        or name == ":memory:"
        or name.startswith("file:")
    ):
        return None
    argv = [sys.executable, "-m", "charterdesk.core.sqlite.checkpointer", name]
    return subprocess.Popen([*argv, "--parent", str(os.getpid())])  # noqa: S603 - ours
