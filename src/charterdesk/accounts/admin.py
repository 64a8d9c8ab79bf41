"""The Django admin, for administrators and operators only (`User.is_staff`): what each
may see and change there comes from accounts/roles.py like everywhere else."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from .models import ApiToken, User

# Nothing is deleted in bulk: a record that may go is deleted on its own page, where the
# admin lists what goes with it. Records that a ticket's history refers to are never
# deletable (see DELETABLE in roles.py and the ticket models' protection).
admin.site.disable_action("delete_selected")
# Permissions come from roles, not groups.
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "role", "tier", "is_active"]
    list_filter = ["role", "tier", "is_active"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "name"]}),
        ("Role", {"fields": ["role", "tier", "is_active"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "name", "role", "password1", "password2"]})]
    filter_horizontal = ()


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    """Tokens are made by their owners; here an administrator only revokes one."""

    list_display = ["prefix", "user", "name", "scopes", "expires_at", "revoked_at", "last_used_at"]
    fields = readonly_fields = (
        "prefix",
        "user",
        "name",
        "scopes",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
    )
    search_fields = ["user__email", "prefix"]
    actions = ["revoke"]

    @admin.action(description="Revoke the selected tokens", permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = queryset.filter(revoked_at=None).update(revoked_at=timezone.now())
        self.message_user(request, f"{count} token(s) revoked.", messages.SUCCESS)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
