"""The whole configuration as one JSON document: export, and import (idempotent, all or
nothing, `dry_run=true` reports what would change and writes nothing)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Body, Router, Schema

from charterdesk.configuration.transfer import configuration_export, configuration_import

from ..problems import problem
from .access import settings_manager

router = Router(tags=["configuration"])


class ChangeOut(Schema):
    kind: str
    key: str
    action: str  # created, changed; with delete_missing: deleted, deactivated, disabled, kept
    fields: list[str]
    reason: str


class ImportOut(Schema):
    dry_run: bool
    counts: dict[str, dict[str, int]]
    changes: list[ChangeOut]


@router.get("/config/export", response=dict[str, Any])
def export(request: HttpRequest) -> dict[str, Any]:
    """Every setting, named by natural keys (no database ids); secrets are not exported."""
    settings_manager(request)
    return configuration_export()


@router.post("/config/import", response=ImportOut)
def import_(
    request: HttpRequest,
    dry_run: bool = False,
    delete_missing: bool = False,
    document: dict[str, Any] = Body(...),  # noqa: B008
) -> Any:
    """Create what is new, change what differs, leave the rest; delete nothing unless
    `delete_missing` (then the rows of the document's sections that it does not name are
    retired). With any error, nothing is written and the answer (422) names each one by
    its path."""
    actor = settings_manager(request)
    report = configuration_import(
        document, dry_run=dry_run, delete_missing=delete_missing, actor=actor
    )
    if report.errors:
        return _refused(request, report.errors)
    return {
        "dry_run": report.dry_run,
        "counts": report.counts(),
        "changes": [c for c in report.changes if c.action != "unchanged"],
    }


def _refused(request: HttpRequest, errors: dict[str, list[str]]) -> HttpResponse:
    count = len(errors)
    detail = f"{count} error{'s' if count != 1 else ''} in the document; nothing was written."
    return problem(request, 422, detail, errors)
