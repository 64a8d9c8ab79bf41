import sys
from typing import Any

from django.core.management.base import CommandParser
from django.db import transaction

from charterdesk.core.management.base import CharterCommand
from charterdesk.routing import load_counter


def _show(counts: load_counter.Counts | None) -> str:
    return "none" if counts is None else "/".join(str(n) for n in counts)


class Command(CharterCommand):
    help = (
        "Compare agents' loads as the database keeps them (open assigned tickets per "
        "priority) with the sum recomputed from the tickets; --repair rewrites them. Exit 1 "
        "when they differ (without --repair) or the load triggers are missing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--repair",
            action="store_true",
            help="Rewrite the loads from the tickets and reinstall the triggers if missing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["repair"]:
            with transaction.atomic(durable=True):
                wrong = load_counter.repair()
            self._list(wrong, "repaired")
            return
        wrong = load_counter.check()
        self._list(wrong, "differ")
        if not load_counter.installed():
            self.stderr.write("the load triggers are missing or outdated: run with --repair")
            sys.exit(1)
        if wrong:
            sys.exit(1)

    def _list(self, wrong: dict[int, tuple[Any, Any]], what: str) -> None:
        for user, (kept, true) in wrong.items():
            self.stdout.write(
                f"agent {user}: kept {_show(kept)}, tickets say {_show(true)} "
                "(urgent/high/normal/low)"
            )
        self.stdout.write(f"{len(wrong)} agents' loads {what}" if wrong else "loads match")
