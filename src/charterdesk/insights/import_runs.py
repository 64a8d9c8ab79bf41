"""The managers' upload of past tickets: `import_run_start` checks the file (field errors on
`file`) and keeps it, a background task runs `import_run_execute`, which imports it with
the service of `charterdesk import tickets` and records its progress and summary. The
caller of `import_run_start` owns the transaction and enqueues the task on commit."""

import csv
import io
import logging
from dataclasses import asdict
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm

from .importer import ImportSummary, read_rows, tickets_import
from .importer.rows import missing_columns
from .models import ImportStatus, TicketImportRun

log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
CHUNK = 1_000  # rows per transaction, and per step of the progress bar
SHOWN = 200  # bad rows and created names kept for the page; the rest counted


def import_run_start(actor: User, upload: UploadedFile, *, at: datetime) -> TicketImportRun:
    """Check the uploaded CSV and keep it for the import task."""
    if not actor.has_perm(Perm.MANAGE_SETTINGS):
        raise PermissionDenied("Only managers import past tickets.")
    name = (upload.name or "tickets.csv")[:200]
    if not name.lower().endswith(".csv"):
        raise ValidationError({"file": "Upload a .csv file (UTF-8, the header in line 1)."})
    if not upload.size:
        raise ValidationError({"file": f"{name} is empty."})
    if upload.size > MAX_BYTES:
        raise ValidationError(
            {"file": f"{name} is larger than {MAX_BYTES // 2**20} MB: import it with "
             "`charterdesk import tickets FILE.csv` instead."}
        )  # fmt: skip
    content = upload.read()
    text = _text(name, content)
    header = next(csv.reader(io.StringIO(text)), [])
    missing = missing_columns([h.strip() for h in header])
    if missing:
        raise ValidationError(
            {"file": f"Line 1 of {name} lacks the column(s): {', '.join(missing)}."}
        )
    run = TicketImportRun.objects.create(
        source=name,
        content=content,
        started_by=actor,
        total_rows=max(0, text.count("\n") - 1 + (0 if text.endswith("\n") else 1)),
        created_at=at,
    )
    return run


def _text(name: str, content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise ValidationError({"file": f"{name} is not UTF-8 text (line {line})."}) from exc


def import_run_execute(run_id: int, *, now: datetime | None = None) -> TicketImportRun | None:
    """Import a queued run (claimed with a conditional UPDATE, so two workers never both
    import it); None when another worker has it or it is gone."""
    claimed = TicketImportRun.objects.filter(pk=run_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING
    )
    if not claimed:
        return None
    run = TicketImportRun.objects.get(pk=run_id)
    done = 0

    def progress(rows: int) -> None:
        nonlocal done
        done += rows
        TicketImportRun.objects.filter(pk=run_id).update(done_rows=done)

    try:
        text = bytes(run.content).decode("utf-8-sig")
        summary = tickets_import(
            read_rows(io.StringIO(text, newline="")),
            source=run.source,
            atomic=transaction.atomic,
            progress=progress,
            chunk=CHUNK,
        )
    except Exception as exc:  # the run says what went wrong; the worker goes on
        log.exception("import of past tickets %s failed", run_id)
        _finish(run, ImportStatus.FAILED, {}, now, error=str(exc)[:2000] or type(exc).__name__)
        return run
    _finish(run, ImportStatus.DONE, summary_json(summary), now, done=done)
    return run


def _finish(
    run: TicketImportRun,
    status: ImportStatus,
    summary: dict[str, object],
    now: datetime | None,
    *,
    error: str = "",
    done: int | None = None,
) -> None:
    run.status, run.summary, run.error = status, summary, error
    run.content = b""
    run.finished_at = now or timezone.now()
    if done is not None:
        run.done_rows = done
    run.save(update_fields=["status", "summary", "error", "content", "finished_at", "done_rows"])


def summary_json(summary: ImportSummary) -> dict[str, object]:
    """The summary as the page shows it: counts, the first bad rows, the created names."""
    return {
        "read": summary.read,
        "imported": summary.imported,
        "already": summary.already,
        "bad_count": len(summary.bad),
        "bad": [asdict(bad) for bad in summary.bad[:SHOWN]],
        **{
            key: {"count": len(names), "names": names[:SHOWN]}
            for key, names in (
                ("categories", summary.categories),
                ("organizations", summary.organizations),
                ("contacts", summary.contacts),
            )
        },
    }
