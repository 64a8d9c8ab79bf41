"""Import organizations and contacts from a CSV file: `read_csv` turns the upload into
rows (or one clear error), `import_plan` says per row what would be created or updated
and what is wrong, writing nothing, and `import_apply` writes a plan in a few bulk
queries, with the audit log. The caller owns the transaction: the view plans again and
applies inside one, so what is written is checked against the database as it is then.

Importing the same file twice changes nothing the second time: empty cells leave values
as they are, domains and contacts already there are kept, and only differences are
written."""

from .applying import import_apply
from .planning import ImportPlan, RowResult, import_plan
from .reading import COLUMNS, ImportFileError, read_csv, template_csv

__all__ = [
    "COLUMNS",
    "ImportFileError",
    "ImportPlan",
    "RowResult",
    "import_apply",
    "import_plan",
    "read_csv",
    "template_csv",
]
