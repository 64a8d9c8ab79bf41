from typing import Any

from django.core.management.base import CommandError, CommandParser

from charterdesk.accounts.models import ApiToken, User
from charterdesk.core.management.base import CharterCommand


class Command(CharterCommand):
    help = "Print a new API token for a user."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="What the token is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email=options["email"].lower(), is_active=True).first()
        if user is None:
            raise CommandError(f"no active user has the address {options['email']}", returncode=2)
        _, plain = ApiToken.issue(user, options["name"])
        self.stdout.write(plain)
