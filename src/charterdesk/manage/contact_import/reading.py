"""Reading the uploaded file: its encoding (UTF-8 with or without a byte order mark, or
UTF-16 with one), its delimiter (comma, semicolon or tab, as the header line uses) and
its columns, named in the header line in any order and case."""

import csv
import io
from dataclasses import dataclass

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000

# column: what it holds (the import page and docs/administration.md list them)
COLUMNS = {
    "organization": "The organization's name (required); an existing one is matched in any case.",
    "domains": "Its mail domains, separated by spaces; added unverified, none is removed.",
    "language": "A language code: en, de, fr, pt-br…",
    "region": "As the queues name it: EU, US, APAC…",
    "partner": "yes or no: a partner or integrator.",
    "relationship_manager": "The mail address of a support staff member.",
    "contact_email": "A contact of the organization: their mail address.",
    "contact_name": "The contact's name.",
}
ALIASES = {"organization_name": "organization", "email": "contact_email", "name": "contact_name"}


class ImportFileError(ValueError):
    """The file cannot be read at all; the message says why in words."""


@dataclass(frozen=True)
class CsvRow:
    line: int  # in the file, the header being line 1
    values: dict[str, str]


def read_csv(data: bytes) -> list[CsvRow]:
    if len(data) > MAX_BYTES:
        raise ImportFileError(f"The file is larger than {MAX_BYTES // 1024 // 1024} MB; split it.")
    text = _decoded(data)
    if not text.strip():
        raise ImportFileError("The file is empty.")
    header_line = text.lstrip("\n").partition("\n")[0]
    delimiter = max(",;\t", key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    found: list[CsvRow] = []
    columns: list[str] | None = None
    try:
        start = reader.line_num + 1
        for cells in reader:
            if columns is None:
                columns = _columns(cells)
            elif any(cell.strip() for cell in cells):
                values = {c: v.strip() for c, v in zip(columns, cells, strict=False) if c}
                found.append(CsvRow(start, values))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFileError(
            f"The file is not valid CSV (line {reader.line_num}: {exc})."
        ) from exc
    if len(found) > MAX_ROWS:
        raise ImportFileError(f"The file has {len(found)} rows; at most {MAX_ROWS} at once.")
    return found


def _decoded(data: bytes) -> str:
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            f"The file is not UTF-8 text (byte {exc.start + 1} is not): save it as "
            "“CSV UTF-8” in your spreadsheet and upload it again."
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _columns(header: list[str]) -> list[str]:
    names = [h.strip().lower().replace(" ", "_").replace("-", "_") for h in header]
    names = [ALIASES.get(name, name) for name in names]
    unknown = [name for name in names if name and name not in COLUMNS]
    if unknown:
        raise ImportFileError(
            f"Unknown column{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
            f"The columns are: {', '.join(COLUMNS)}."
        )
    if "organization" not in names:
        raise ImportFileError("The first line must name the columns, organization among them.")
    if len({n for n in names if n}) != len([n for n in names if n]):
        raise ImportFileError("A column is named twice in the first line.")
    return names


def template_csv() -> str:
    """The template to download: the header line and two example rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow(
        ["Newco", "newco.example", "en", "EU", "no", "", "ann@newco.example", "Ann Newman"]
    )
    writer.writerow(["Newco", "", "", "", "", "", "ben@newco.example", "Ben Ng"])
    return out.getvalue()
