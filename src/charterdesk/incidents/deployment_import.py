"""Import deployments from CSV (columns organization, service, region): one service for
the command line (`charterdesk incidents import-deployments`) and the desk page.

`read_deployments` turns the file into rows or refuses the whole file with one sentence
(ImportFileError); `deployments_import` says per row what it does: `new`, `existing`
(already there, or earlier in the file) or an error with the row's line, and writes the
new ones unless it is a dry run. Bad rows never stop the good ones, and importing the
same file twice writes nothing the second time. The caller owns the transaction."""

import csv
import io
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models.functions import Lower

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.core.audit import record_many
from charterdesk.core.models import AuditAction
from charterdesk.customers.models import Organization

from .models import Deployment, Service

COLUMNS = ("organization", "service", "region")
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
M = TypeVar("M", Organization, Service)
CHUNK = 500


class ImportFileError(ValueError):
    """The file cannot be read at all; the message says why in one sentence."""


@dataclass(frozen=True)
class CsvRow:
    line: int
    organization: str
    service: str
    region: str


@dataclass
class RowOutcome:
    row: CsvRow
    outcome: str  # "new", "existing" or "error"
    error: str = ""


@dataclass
class ImportReport:
    rows: list[RowOutcome] = field(default_factory=list)
    dry_run: bool = True

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome)

    @property
    def count_new(self) -> int:
        return self.count("new")

    @property
    def count_existing(self) -> int:
        return self.count("existing")

    @property
    def errors(self) -> list[RowOutcome]:
        return [r for r in self.rows if r.outcome == "error"]


def read_deployments(data: bytes) -> list[CsvRow]:
    if len(data) > MAX_BYTES:
        raise ImportFileError("The file is larger than 5 MB; split it.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"The file is not UTF-8 text (byte {exc.start + 1}).") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        missing = [c for c in COLUMNS[:2] if c not in header]
        if missing:
            raise ImportFileError(
                f"The first line must name the columns organization, service and region; "
                f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing."
            )
        at = {c: header.index(c) for c in COLUMNS if c in header}
        rows = [
            _row(reader.line_num, cells, at) for cells in reader if any(c.strip() for c in cells)
        ]
    except csv.Error as exc:
        raise ImportFileError(
            f"The file is not valid CSV (line {reader.line_num}: {exc})."
        ) from exc
    if len(rows) > MAX_ROWS:
        raise ImportFileError(f"The file has {len(rows)} rows; at most {MAX_ROWS} at once.")
    return rows


def _row(line: int, cells: list[str], at: dict[str, int]) -> CsvRow:
    def cell(name: str) -> str:
        index = at.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    return CsvRow(line, cell("organization"), cell("service"), cell("region"))


def deployments_import(actor: User | None, rows: list[CsvRow], *, dry_run: bool) -> ImportReport:
    """`actor` None: the operator at the command line."""
    if actor is not None and not actor.has_perm(Perm.MANAGE_SERVICES):
        raise PermissionDenied("Only support managers import deployments.")
    organizations = _by_name(Organization, {r.organization for r in rows})
    services = _by_name(Service, {r.service for r in rows})
    existing = _existing(list(organizations.values()), list(services.values()))
    report, new = ImportReport(dry_run=dry_run), []
    for row in rows:
        organization = organizations.get(row.organization.lower())
        service = services.get(row.service.lower())
        error = _problem(row, organization, service)
        if error or organization is None or service is None:
            report.rows.append(RowOutcome(row, "error", error))
            continue
        key = (organization.pk, service.pk, row.region)
        if key in existing:
            report.rows.append(RowOutcome(row, "existing"))
            continue
        existing.add(key)
        new.append(Deployment(organization=organization, service=service, region=row.region))
        report.rows.append(RowOutcome(row, "new"))
    if not dry_run and new:
        Deployment.objects.bulk_create(new, batch_size=1000)
        record_many(Deployment, [(d, AuditAction.CREATED, _words(d)) for d in new])
    return report


def _words(deployment: Deployment) -> dict[str, list[str | None]]:
    return {
        "organization": [None, deployment.organization.name],
        "service": [None, deployment.service.name],
        "region": [None, deployment.region],
    }


def _problem(row: CsvRow, organization: Organization | None, service: Service | None) -> str:
    if not row.organization:
        return "The organization is missing."
    if organization is None:
        return f"No organization is called “{row.organization}”."
    if not row.service:
        return "The service is missing."
    if service is None:
        return f"No service is called “{row.service}”."
    if len(row.region) > 32:
        return "A region has at most 32 characters."
    return ""


def _by_name(model: type[M], names: set[str]) -> dict[str, M]:
    wanted = sorted({n.lower() for n in names if n})
    found: dict[str, M] = {}
    for start in range(0, len(wanted), CHUNK):
        rows = model.objects.annotate(key=Lower("name")).filter(
            key__in=wanted[start : start + CHUNK]
        )
        found |= {row.name.lower(): row for row in rows}
    return found


def _existing(
    organizations: list[Organization], services: list[Service]
) -> set[tuple[int, int, str]]:
    """The deployments already there among these organizations and services, read in
    chunks (a database takes a bounded number of parameters)."""
    service_ids = [s.pk for s in services]
    found: set[tuple[int, int, str]] = set()
    for start in range(0, len(organizations), CHUNK):
        chunk = [o.pk for o in organizations[start : start + CHUNK]]
        found |= set(
            Deployment.objects.filter(
                organization_id__in=chunk, service_id__in=service_ids
            ).values_list("organization_id", "service_id", "region")
        )
    return found
