from argparse import ArgumentTypeError
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser

from charterdesk.accounts.models import Scope, User
from charterdesk.accounts.tokens import MAX_DAYS, scopes_for, token_issue
from charterdesk.core.management.base import CharterCommand


def lifetime(text: str) -> int | None:
    """`never`, or a number of days from 1 to MAX_DAYS."""
    if text == "never":
        return None
    if not text.isdigit() or not 1 <= int(text) <= MAX_DAYS:
        raise ArgumentTypeError(f"'{text}' is not a number of days (1-{MAX_DAYS}) or 'never'")
    return int(text)


class Command(CharterCommand):
    help = "Print a new API token for a user (shown once; only its digest is stored)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="What the token is for.")
        parser.add_argument(
            "--scope",
            action="append",
            choices=Scope.values,
            dest="scopes",
            help="read, write or admin; repeat for several (default: read and write, as far "
            "as the role allows).",
        )
        parser.add_argument(
            "--expires",
            type=lifetime,
            default=90,
            metavar="DAYS",
            help=f"Days until the token is refused, 1-{MAX_DAYS}, or 'never' (default: 90).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email=options["email"].lower(), is_active=True).first()
        if user is None:
            raise CommandError(f"no active user has the address {options['email']}", returncode=2)
        scopes = options["scopes"] or [s for s in scopes_for(user) if s != Scope.ADMIN]
        try:
            _, plain = token_issue(
                user, name=options["name"], scopes=scopes, days=options["expires"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=2) from None
        self.stdout.write(plain)
