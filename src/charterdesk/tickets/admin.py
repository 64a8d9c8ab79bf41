from django.contrib import admin

from .models import Ticket, TicketEvent


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
