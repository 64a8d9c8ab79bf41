from typing import Any

from django import forms
from django.contrib import admin

from .models import CustomField, FieldKind, Ticket, TicketEvent

RESERVED_KEYS = frozenset({"tags", "fields", "status", "priority", "type", "queue", "assignee"})


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


class CustomFieldForm(forms.ModelForm):
    options_text = forms.CharField(
        label="Options",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For a drop-down: one choice a line, in order.",
    )

    class Meta:
        model = CustomField
        fields = [
            "label",
            "key",
            "kind",
            "required_to_solve",
            "visible_to_customers",
            "position",
            "active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["options_text"].initial = "\n".join(self.instance.options or [])

    def clean_key(self) -> str:
        key: str = self.cleaned_data["key"].lower()
        if key in RESERVED_KEYS:
            raise forms.ValidationError(f"“{key}” names a ticket property; choose another key.")
        return key

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        options = list(
            dict.fromkeys(
                line.strip() for line in data.get("options_text", "").splitlines() if line.strip()
            )
        )
        if data.get("kind") == FieldKind.DROPDOWN and len(options) < 2:
            self.add_error("options_text", "A drop-down needs at least two choices.")
        if any(len(o) > 100 for o in options):
            self.add_error("options_text", "Keep each choice under 100 characters.")
        self.instance.options = options if data.get("kind") == FieldKind.DROPDOWN else []
        return data


@admin.register(CustomField)
class CustomFieldAdmin(admin.ModelAdmin):
    """Ticket fields defined by administrators; retire one (active off) instead of
    deleting it: tickets keep their values."""

    form = CustomFieldForm
    list_display = ["label", "key", "kind", "required_to_solve", "visible_to_customers", "active"]
    list_editable = ["active"]
    prepopulated_fields = {"key": ("label",)}

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
