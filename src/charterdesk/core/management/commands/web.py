import os
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
        argv = gunicorn_argv(
            options["host"], options["port"], options["workers"], options["threads"]
        )
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with gunicorn
