"""Custom ticket fields in the settings area, for administrators (who may change them in
the Django admin too): the list, a page to add or change one, deactivate and reactivate.
A deactivated field keeps its values on tickets but is no longer shown or asked for."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import staff_permission_required
from charterdesk.tickets.field_forms import CustomFieldForm
from charterdesk.tickets.models import CustomField

from .organization_selectors import page_of

CHANGE_FIELDS = "tickets.change_customfield"
admin_page = staff_permission_required(CHANGE_FIELDS)


@admin_page
def custom_field_list(request: HttpRequest) -> HttpResponse:
    fields = CustomField.objects.annotate(ticket_count=Count("values")).order_by(
        "-active", "position", "id"
    )
    page = page_of(fields, request.GET.get("page"))
    context = {"section": "custom_fields", "fields": page}
    return render(request, "manage/custom_fields.html", context)


@admin_page
def custom_field_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, CustomField())


@admin_page
def custom_field_edit(request: HttpRequest, field_id: int) -> HttpResponse:
    return _edit(request, get_object_or_404(CustomField, pk=field_id))


def _edit(request: HttpRequest, field: CustomField) -> HttpResponse:
    form = CustomFieldForm(request.POST or None, instance=field)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
        messages.success(request, f"Field “{saved.label}” saved.")
        return redirect("manage:custom_field", field_id=saved.pk)
    context = {"section": "custom_fields", "form": form, "field": field}
    return render(request, "manage/custom_field.html", context)


@admin_page
@require_POST
def custom_field_deactivate(request: HttpRequest, field_id: int) -> HttpResponse:
    field = _set_active(field_id, active=False)
    messages.success(
        request, f"Field “{field.label}” deactivated: tickets keep their values, nobody is asked."
    )
    return redirect("manage:custom_field", field_id=field.pk)


@admin_page
@require_POST
def custom_field_reactivate(request: HttpRequest, field_id: int) -> HttpResponse:
    field = _set_active(field_id, active=True)
    messages.success(request, f"Field “{field.label}” is shown on tickets again.")
    return redirect("manage:custom_field", field_id=field.pk)


def _set_active(field_id: int, *, active: bool) -> CustomField:
    with transaction.atomic():
        field = get_object_or_404(CustomField.objects.select_for_update(), pk=field_id)
        if field.active != active:
            field.active = active
            field.save(update_fields=["active"])
    return field
