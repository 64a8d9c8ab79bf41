"""The import of past tickets from another help desk (`charterdesk import tickets FILE.csv`,
and the managers' upload page): rows.py reads and checks each row, load.py writes them in
chunks, set-based."""

from .load import ImportSummary, tickets_import
from .rows import COLUMNS, REQUIRED, BadRow, ImportRow, read_rows

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "BadRow",
    "ImportRow",
    "ImportSummary",
    "read_rows",
    "tickets_import",
]
