from typing import Any

from django.db import transaction

from charterdesk.core.management.base import CharterCommand
from charterdesk.demo.conversations import build_conversations
from charterdesk.demo.reference import build_reference
from charterdesk.demo.signins import sign_in_lines


class Command(CharterCommand):
    help = "Load the demo data (idempotent) and print the sign-ins."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic(durable=True):
            ref = build_reference()
            made = build_conversations(ref)
        if options["verbosity"] == 0:
            return  # `make run`: `charterdesk serve` prints the sign-ins at its end
        self.stdout.write(f"Demo data ready ({made} new demo tickets).")
        for line in sign_in_lines():
            self.stdout.write(line)
