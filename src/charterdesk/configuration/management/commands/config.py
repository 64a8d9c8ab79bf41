"""`charterdesk config export [FILE]` and `charterdesk config import FILE [--dry-run]`:
copy a set-up from one CharterDesk to another (staging to production)."""

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import CommandError, CommandParser
from django.core.serializers.json import DjangoJSONEncoder

from charterdesk.configuration.transfer import Report, configuration_export, configuration_import
from charterdesk.core.management.base import CharterCommand


class Command(CharterCommand):
    help = "Export the whole configuration as JSON, or import such a file (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="export|import")
        export = actions.add_parser("export", help="Write the configuration (default: stdout).")
        export.add_argument("file", nargs="?", metavar="FILE", help="- or nothing: stdout.")
        load = actions.add_parser("import", help="Read a configuration file and apply it.")
        load.add_argument("file", metavar="FILE", help="A file of `config export`; - for stdin.")
        load.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )
        load.add_argument(
            "--delete-missing",
            action="store_true",
            help="Retire the rows of the file's sections that it does not name (deactivate "
            "agents, disable mailboxes, delete what nothing refers to).",
        )
        self._actions = actions

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        for name, sub in self._actions.choices.items():
            sub.error = _one_line_error(f"{subcommand} {name}")  # type: ignore[method-assign]
        return parser

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            self.handle_export(options["file"])
        else:
            self.handle_import(
                options["file"], dry_run=options["dry_run"], delete=options["delete_missing"]
            )

    def handle_export(self, file: str | None) -> None:
        text = json.dumps(
            configuration_export(), indent=2, ensure_ascii=False, cls=DjangoJSONEncoder
        )
        if file in (None, "-"):
            self.stdout.write(text)
            return
        try:
            Path(file).write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot write {file}: {exc.strerror}", returncode=2) from exc
        self.stderr.write(f"Configuration written to {file}.")

    def handle_import(self, file: str, *, dry_run: bool, delete: bool) -> None:
        report = configuration_import(_read(file), dry_run=dry_run, delete_missing=delete)
        if report.errors:
            for path, messages in report.errors.items():
                self.stderr.write(f"{path}: {' '.join(messages)}")
            raise CommandError(
                f"{file}: {len(report.errors)} error(s); nothing was written.", returncode=2
            )
        self.stdout.write(_summary(report))


def _read(file: str) -> Any:
    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not UTF-8 text"
        raise CommandError(f"cannot read {file}: {reason}", returncode=2) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"{file} is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})", returncode=2
        ) from exc


def _summary(report: Report) -> str:
    verb = "Would change" if report.dry_run else "Changed"
    lines = [
        f"{change.action.capitalize()} {change.kind}: {change.key}"
        + (f" ({', '.join(change.fields)})" if change.fields else "")
        + (f": {change.reason}" if change.reason else "")
        for change in report.changes
        if change.action != "unchanged"
    ]
    counts = ", ".join(
        f"{kind} "
        + ", ".join(f"{n} {'new' if action == 'created' else action}" for action, n in c.items())
        for kind, c in report.counts().items()
    )
    lines.append(f"{verb}: {counts or 'nothing'}." if counts else f"{verb}: nothing.")
    if report.dry_run:
        lines.append("Dry run: nothing was written.")
    return "\n".join(lines)


def _one_line_error(prog: str) -> Any:
    def error(message: str) -> NoReturn:
        sys.stderr.write(f"charterdesk {prog}: {message} (see 'charterdesk {prog} --help')\n")
        sys.exit(2)

    return error
