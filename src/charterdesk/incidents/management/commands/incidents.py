"""`charterdesk incidents import-deployments FILE [--dry-run]`: which organizations use
which services in which regions, from CSV (columns organization, service, region).

Exit codes: 0 every row imported or already there; 1 some rows refused (each reported
with its line; the others imported); 2 the file cannot be read (one line, nothing
written)."""

import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import CommandError, CommandParser
from django.db import transaction

from charterdesk.core.management.base import CharterCommand
from charterdesk.incidents.deployment_import import (
    ImportFileError,
    ImportReport,
    deployments_import,
    read_deployments,
)


class Command(CharterCommand):
    help = "Incident set-up from the command line: import deployments from CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="import-deployments")
        load = actions.add_parser(
            "import-deployments", help="Read organization,service,region rows and add them."
        )
        load.add_argument("file", metavar="FILE", help="A CSV file; - for stdin.")
        load.add_argument("--dry-run", action="store_true", help="Report only; write nothing.")
        self._actions = actions

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        for name, sub in self._actions.choices.items():
            sub.error = _one_line_error(f"{subcommand} {name}")  # type: ignore[method-assign]
        return parser

    def handle(self, *args: Any, **options: Any) -> None:
        file, dry_run = options["file"], options["dry_run"]
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
            rows = read_deployments(data)
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}", returncode=2) from exc
        except ImportFileError as exc:
            raise CommandError(f"{file}: {exc}", returncode=2) from exc
        with transaction.atomic(durable=True):
            report = deployments_import(None, rows, dry_run=dry_run)
        for bad in report.errors:
            self.stderr.write(f"{file}, line {bad.row.line}: {bad.error}")
        self.stdout.write(_summary(report))
        if report.errors:
            sys.exit(1)


def _summary(report: ImportReport) -> str:
    new, existing, bad = report.count("new"), report.count("existing"), len(report.errors)
    verb = "Would add" if report.dry_run else "Added"
    text = f"{verb} {new} deployment{'s' if new != 1 else ''}; {existing} already there"
    text += f"; {bad} row{'s' if bad != 1 else ''} refused." if bad else "."
    return text + (" Dry run: nothing was written." if report.dry_run else "")


def _one_line_error(prog: str) -> Any:
    def error(message: str) -> NoReturn:
        sys.stderr.write(f"charterdesk {prog}: {message} (see 'charterdesk {prog} --help')\n")
        sys.exit(2)

    return error
