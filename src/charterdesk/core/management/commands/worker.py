from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandParser

from ..base import CharterCommand


class Command(CharterCommand):
    help = "Run a background worker (database task queue; run as many as you like)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command(
            "db_worker",
            batch=options["batch"],
            queue_name="*",
            reload=False,
            startup_delay=not options["batch"],
        )
