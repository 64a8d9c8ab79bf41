from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from charterdesk.accounts.auth import signed_in_user

from .models import BankAlert, Purchase, TimeEntry
from .services import MAX_PURCHASE_HOURS, purchase_create


class PurchaseAdminForm(forms.ModelForm[Purchase]):
    hours = forms.DecimalField(
        min_value=Decimal("0.25"), max_value=MAX_PURCHASE_HOURS, decimal_places=2
    )

    class Meta:
        model = Purchase
        fields = ("contract", "hours", "note")


@admin.register(TimeEntry)
class TimeEntryAdmin(admin.ModelAdmin[TimeEntry]):
    """For looking up entries; agents log and correct them on the ticket page (recorded)."""

    list_display = ("ticket", "agent", "minutes", "activity", "billable", "draws_on_bank")
    list_filter = ("activity", "billable", "draws_on_bank")
    raw_id_fields = ("ticket", "agent", "contract", "estimate")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Purchase)
class PurchaseAdmin(admin.ModelAdmin[Purchase]):
    """Recording a purchase here also adds its hours to the contract's purchased hours."""

    form = PurchaseAdminForm
    list_display = ("contract", "hours", "note", "recorded_by", "created_at")
    raw_id_fields = ("contract",)

    def save_model(self, request: HttpRequest, obj: Purchase, form: Any, change: bool) -> None:
        saved = purchase_create(
            obj.contract,
            signed_in_user(request),
            hours=obj.hours,
            note=obj.note,
        )
        obj.pk, obj.recorded_by, obj.created_at = saved.pk, saved.recorded_by, saved.created_at

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(BankAlert)
class BankAlertAdmin(admin.ModelAdmin[BankAlert]):
    list_display = ("contract", "period_start", "threshold", "used_hours", "sent_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
