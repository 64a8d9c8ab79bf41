from django.contrib import admin

from .field_forms import CustomFieldForm
from .models import CustomField, Ticket, TicketEvent


class EventInline(admin.TabularInline):
    model = TicketEvent
    extra = 0
    can_delete = False
    fields = ("created_at", "actor", "kind", "field", "old_value", "new_value", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Read-only and never deleted: changes go through the agent workspace so they land in
    the history."""

    list_display = ["id", "subject", "organization", "request_type", "priority", "status"]
    list_filter = ["status", "request_type", "priority", "coverage"]
    list_select_related = ["organization"]
    search_fields = ["=id", "subject"]
    show_full_result_count = False
    inlines = [EventInline]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(CustomField)
class CustomFieldAdmin(admin.ModelAdmin):
    """Ticket fields defined by administrators; retire one (active off) instead of
    deleting it: tickets keep their values."""

    form = CustomFieldForm
    fields = [*CustomFieldForm.Meta.fields, "active"]
    list_display = ["label", "key", "kind", "required_to_solve", "visible_to_customers", "active"]
    list_editable = ["active"]
    prepopulated_fields = {"key": ("label",)}

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
