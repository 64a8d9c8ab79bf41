from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError, CommandParser
from django.db import transaction

from charterdesk.accounts.models import User
from charterdesk.core.management.base import CharterCommand, positive_int

from ...models import Ticket
from ...services import ticket_anonymize


class Command(CharterCommand):
    help = (
        "Remove a solved or closed ticket's personal data for good (subject, messages, files, "
        "mail addresses); the ticket, its clocks, time and history stay, with a line saying "
        "who did it and why."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ticket", type=positive_int, help="The ticket's number.")
        parser.add_argument("--reason", required=True, help="Why; goes to the history.")
        parser.add_argument(
            "--by", required=True, metavar="EMAIL", help="The administrator or operator."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(email=options["by"].lower(), is_active=True).first()
        if actor is None:
            raise CommandError(f"no active user has the address {options['by']}", returncode=2)
        try:
            with transaction.atomic(durable=True):
                ticket = Ticket.objects.select_for_update().get(pk=options["ticket"])
                ticket_anonymize(ticket, actor, reason=options["reason"])
        except Ticket.DoesNotExist:
            raise CommandError(f"no ticket #{options['ticket']}", returncode=2) from None
        except PermissionDenied as error:
            raise CommandError(str(error), returncode=2) from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=2) from None
        self.stdout.write(f"Ticket #{ticket.pk} anonymized.")
