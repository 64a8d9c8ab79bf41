"""The desk page that imports deployments from CSV: upload, a preview of what each row
does (nothing written), then the import. The file waits in the session between the two;
the import reads it again against the database as it is then. The command line
(`charterdesk incidents import-deployments`) calls the same service."""

import hashlib
from base64 import b64decode, b64encode

from django import forms
from django.contrib import messages as flash
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.roles import Perm

from .deployment_import import (
    ImportFileError,
    ImportReport,
    RowOutcome,
    deployments_import,
    read_deployments,
)

managers_only = staff_permission_required(Perm.MANAGE_SERVICES)
SESSION_KEY = "deployment_import"
SHOWN_ROWS = 300


class UploadForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="Columns: organization, service, region.")


@managers_only
def import_deployments(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and request.POST.get("confirm"):
        return _apply(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            with transaction.atomic():
                report = deployments_import(
                    signed_in_user(request), read_deployments(data), dry_run=True
                )
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            digest = hashlib.sha256(data).hexdigest()
            request.session[SESSION_KEY] = {
                "name": upload.name,
                "data": b64encode(data).decode(),
                "sha": digest,
            }
            context |= {"report": report, "shown": _shown(report), "sha": digest}
    status = 400 if form.errors else 200
    return render(request, "incidents/import_deployments.html", context, status=status)


def _shown(report: ImportReport) -> list[RowOutcome]:
    """Refused rows first, then new ones, then the rest, at most SHOWN_ROWS."""
    order = {"error": 0, "new": 1, "existing": 2}
    return sorted(report.rows, key=lambda r: (order[r.outcome], r.row.line))[:SHOWN_ROWS]


def _apply(request: HttpRequest) -> HttpResponse:
    stored = request.session.get(SESSION_KEY)
    if not stored or stored.get("sha") != request.POST.get("confirm"):
        flash.error(request, "The previewed file is no longer here; upload it again.")
        return redirect("incidents:import_deployments")
    with transaction.atomic():
        report = deployments_import(
            signed_in_user(request), read_deployments(b64decode(stored["data"])), dry_run=False
        )
    del request.session[SESSION_KEY]
    new, refused = report.count("new"), len(report.errors)
    text = f"Imported {stored['name']}: {new} deployment{'' if new == 1 else 's'} added"
    text += f", {refused} row{'' if refused == 1 else 's'} refused." if refused else "."
    flash.success(request, text)
    return redirect("incidents:import_deployments")
