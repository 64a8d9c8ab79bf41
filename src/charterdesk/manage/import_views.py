"""Importing organizations and contacts from CSV: upload, a preview of what each row
would do (nothing written), then the import in one transaction. The uploaded file waits
in the session between the preview and the confirmation; the import plans again against
the database as it is then, so it writes exactly what a fresh preview would show."""

import hashlib
from base64 import b64decode, b64encode

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.roles import Perm

from .contact_import import (
    COLUMNS,
    ImportFileError,
    ImportPlan,
    RowResult,
    import_apply,
    import_plan,
    read_csv,
    template_csv,
)
from .organization_forms import ImportUploadForm

settings_page = staff_permission_required(Perm.MANAGE_SETTINGS)
SESSION_KEY = "organization_import"
SHOWN_ROWS = 300


@settings_page
def import_upload(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and request.POST.get("confirm"):
        return _apply(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"section": "organizations", "form": form, "columns": COLUMNS}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            plan = import_plan(read_csv(data))
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            digest = hashlib.sha256(data).hexdigest()
            request.session[SESSION_KEY] = {
                "name": upload.name,
                "data": b64encode(data).decode(),
                "sha": digest,
            }
            context |= {"plan": plan, "shown": _shown(plan), "sha": digest, "name": upload.name}
    return render(request, "manage/organization_import.html", context)


def _shown(plan: ImportPlan) -> list[RowResult]:
    """The rows with errors first, then the others, at most SHOWN_ROWS."""
    rows = plan.rows
    return ([r for r in rows if r.errors] + [r for r in rows if not r.errors])[:SHOWN_ROWS]


def _apply(request: HttpRequest) -> HttpResponse:
    stored = request.session.get(SESSION_KEY)
    if not stored or stored.get("sha") != request.POST.get("confirm"):
        messages.error(request, "The previewed file is no longer here; upload it again.")
        return redirect("manage:organization_import")
    with transaction.atomic():
        plan = import_plan(read_csv(b64decode(stored["data"])))
        counts = import_apply(plan)
    del request.session[SESSION_KEY]
    messages.success(request, f"Imported {stored['name']}: {_summary(counts)}")
    return redirect("manage:organizations")


def _summary(counts: dict[str, int]) -> str:
    def many(number: int, word: str) -> str:
        return f"{number} {word}{'' if number == 1 else 's'}"

    said = (
        f"{many(counts['organizations_created'], 'organization')} created, "
        f"{counts['organizations_updated']} updated; "
        f"{many(counts['domains_added'], 'mail domain')} added; "
        f"{many(counts['contacts_created'], 'contact')} created, "
        f"{counts['contacts_updated']} updated"
    )
    skipped = counts["rows_with_errors"]
    return said + (f"; {many(skipped, 'row')} with errors skipped." if skipped else ".")


@settings_page
def import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="organizations-and-contacts.csv"'
    return response
