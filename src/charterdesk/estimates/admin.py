from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Estimate


@admin.register(Estimate)
class EstimateAdmin(admin.ModelAdmin[Estimate]):
    """Read-only: estimates are made on the ticket page and decided by the customer, so
    every step is in the ticket's history."""

    list_display = ("ticket", "hours", "rate", "state", "author", "decided_by", "created_at")
    list_filter = ("state",)
    raw_id_fields = ("ticket", "decided_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
