import sys
from argparse import ArgumentTypeError
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser


class CharterCommand(BaseCommand):
    """A command whose bad arguments get one line on stderr and exit code 2."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def error(message: str) -> NoReturn:
            sys.stderr.write(
                f"charterdesk {subcommand}: {message} (see 'charterdesk {subcommand} --help')\n"
            )
            sys.exit(2)

        parser.error = error  # type: ignore[method-assign]
        return parser


def _whole_number(text: str, least: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < least:
        raise ArgumentTypeError(f"'{text}' must be {least} or more")
    return value


def positive_int(text: str) -> int:
    return _whole_number(text, 1)


def non_negative_int(text: str) -> int:
    return _whole_number(text, 0)


def port_number(text: str) -> int:
    value = positive_int(text)
    if value > 65535:
        raise ArgumentTypeError(f"'{text}' is not a port number (1-65535)")
    return value
