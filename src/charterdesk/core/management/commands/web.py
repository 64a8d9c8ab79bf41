import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandParser

from ..base import CharterCommand, non_negative_int, port_number, positive_int

THREADS = 4
"""Threads per process by default: enough to overlap the database's round trips and a
slow client or two; more only queue behind one interpreter lock (bench/RESULTS.md,
issue #13, branch scale8)."""


def default_workers() -> int:
    """One gunicorn process per CPU this process may run on, at least 2: each process has
    its own interpreter lock, so a process serves pages on one core at a time."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(2, cpus)


def gunicorn_argv(
    host: str, port: int, workers: int, threads: int, keepalive: int = 0
) -> list[str]:
    """gunicorn's command line. `keepalive` 0 (the default) closes each connection after
    its response, so every request goes to whichever process accepts it first, an idle
    one as a rule: a kept-alive connection stays with the process that accepted it, and 8
    browsers' connections were measured landing 7 on one process and 1 on the other
    (one core busy, the other idle)."""
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
        "--keep-alive",
        str(keepalive),
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
            "--workers",
            type=positive_int,
            default=os.environ.get("WEB_WORKERS", str(default_workers())),
            help="gunicorn processes (default: one per CPU, at least 2)",
        )
        parser.add_argument(
            "--threads",
            type=positive_int,
            default=os.environ.get("WEB_THREADS", str(THREADS)),
            help=f"threads per process (default: {THREADS})",
        )
        parser.add_argument(
            "--keep-alive",
            type=non_negative_int,
            default=os.environ.get("WEB_KEEPALIVE", "0"),
            help="seconds a connection stays open for the next request (default 0: closed "
            "after each response, so requests spread over the processes)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("collectstatic", interactive=False, verbosity=0)
        start_checkpointer()
        argv = gunicorn_argv(
            options["host"],
            options["port"],
            options["workers"],
            options["threads"],
            options["keep_alive"],
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
