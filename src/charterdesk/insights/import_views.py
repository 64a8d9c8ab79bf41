"""/manage/import/: managers upload a CSV of past tickets; a background task imports it
(import_runs) while the run's page shows its progress, then its summary."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.roles import Perm
from charterdesk.core.forms import add_service_errors

from .import_runs import import_run_start
from .importer import COLUMNS, REQUIRED
from .models import TicketImportRun
from .tasks import import_tickets

managers = staff_permission_required(Perm.MANAGE_SETTINGS)
REFRESH_SECONDS = 2


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8, the column names in line 1; a row already imported (same "
        "external_id) is left as it is.",
    )


@managers
def import_upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                run = import_run_start(
                    signed_in_user(request), form.cleaned_data["file"], at=timezone.now()
                )
                transaction.on_commit(lambda: import_tickets.enqueue(run.pk))
            return redirect("insights:import_run", run_id=run.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    context = {
        "section": "import",
        "form": form,
        "columns": COLUMNS,
        "required": REQUIRED,
        "runs": TicketImportRun.objects.defer("content").select_related("started_by")[:10],
    }
    return render(request, "insights/manage_import.html", context)


@managers
def import_run(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_object_or_404(TicketImportRun.objects.defer("content"), pk=run_id)
    context = {"section": "import", "run": run, "refresh": REFRESH_SECONDS}
    return render(request, "insights/manage_import_run.html", context)
