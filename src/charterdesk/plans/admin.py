from typing import Any

from django import forms
from django.contrib import admin

from .hooks import contract_terms_changed
from .models import Contract, Plan, PlanCoverage, ResponseTarget
from .rules import check_contacts_belong


class CoverageInline(admin.TabularInline):
    model = PlanCoverage
    extra = 0


class TargetInline(admin.TabularInline):
    model = ResponseTarget
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["name", "calendar", "max_authorized_contacts", "hours_included"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CoverageInline, TargetInline]


class ContractAdminForm(forms.ModelForm):
    """Contacts of another organization are an error at their field here, before the
    many-to-many guard (plans.guards) would refuse them while saving."""

    class Meta:
        model = Contract
        fields = [  # the admin shows these (purchased hours only grow by a recorded purchase)
            "organization",
            "plan",
            "starts_on",
            "ends_on",
            "hours_included",
            "professional_services_hours",
            "relationship_manager",
            "authorized_contacts",
            "administrators",
            "created_at",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A saved contract's organization is read-only in the admin, so not in the form.
        organization = data.get("organization")
        organization_id = organization.pk if organization else self.instance.organization_id
        for field in ("authorized_contacts", "administrators"):
            if organization_id is not None and data.get(field) is not None:
                try:
                    check_contacts_belong(organization_id, data[field], field)
                except forms.ValidationError as error:
                    self.add_error(None, error)
        return data


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    form = ContractAdminForm
    list_display = ["organization", "plan", "starts_on", "ends_on", "hours_included"]
    list_filter = ["plan"]
    list_select_related = ["organization", "plan"]
    search_fields = ["organization__name"]
    filter_horizontal = ["authorized_contacts"]
    raw_id_fields = ["organization", "relationship_manager"]
    # Purchased hours grow only through a recorded purchase (hours app), never by hand.
    readonly_fields = ["hours_purchased"]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        """A contract stays with its organization: its tickets, hours and statements are
        that organization's (a new organization gets a new contract)."""
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "organization"] if obj is not None else fields

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        """A new plan or new dates change the promises on open tickets: announce it (the SLA
        app recomputes their deadlines and writes a line in each ticket's history)."""
        super().save_model(request, obj, form, change)
        if change and {"plan", "starts_on", "ends_on"} & set(form.changed_data):
            contract_terms_changed.announce(obj)
