# noqa: N999 - the command is `charterdesk import`
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import transaction
from tqdm import tqdm

from charterdesk.core.management.base import CharterCommand
from charterdesk.insights.importer import ImportSummary, read_rows, tickets_import
from charterdesk.insights.importer.rows import RowError

SHOWN = 20  # bad rows and created records listed in full; the rest counted


class Command(CharterCommand):
    help = (
        "Import past tickets from another help desk: `import tickets FILE.csv` (docs/insights.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True)
        tickets = kinds.add_parser("tickets", help="Past tickets from a CSV file (UTF-8).")
        tickets.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            total = _count_lines(path)
            with path.open(encoding="utf-8-sig", newline="") as lines:
                rows = read_rows(lines)
                with tqdm(total=total, unit="row", unit_scale=True, file=self.stderr._out) as bar:
                    summary = tickets_import(
                        rows, source=path.name, atomic=transaction.atomic, progress=bar.update
                    )
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {path}: {exc}", returncode=2) from exc
        except RowError as exc:
            raise CommandError(f"{path.name}: {exc}", returncode=2) from exc
        self._report(summary)

    def _report(self, summary: ImportSummary) -> None:
        out = self.stdout
        out.write(
            f"Read {summary.read:,} rows: {summary.imported:,} tickets imported, "
            f"{summary.already:,} imported before (unchanged), {len(summary.bad):,} bad rows."
        )
        for label, names in (
            ("categories", summary.categories),
            ("organizations", summary.organizations),
            ("contacts", summary.contacts),
        ):
            if names:
                more = f" and {len(names) - SHOWN:,} more" if len(names) > SHOWN else ""
                out.write(f"Created {len(names):,} {label}: {', '.join(names[:SHOWN])}{more}")
        for bad in summary.bad[:SHOWN]:
            self.stderr.write(f"line {bad.line}: {bad.problem}")
        if len(summary.bad) > SHOWN:
            self.stderr.write(f"… and {len(summary.bad) - SHOWN:,} more bad rows")


def _count_lines(path: Path) -> int:
    """Data rows, for the progress bar (a body with line breaks counts more: the bar
    only guides)."""
    with path.open("rb") as raw:
        return max(0, sum(1 for _ in raw) - 1)
