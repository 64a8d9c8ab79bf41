from typing import Any

from django import forms
from django.contrib import admin

from .hooks import contract_terms_changed
from .models import Contract, Plan, PlanCoverage, PlanStatus, PlanVersion, ResponseTarget
from .rules import check_contacts_belong


def _published(obj: Any) -> bool:
    return obj is not None and obj.status == PlanStatus.PUBLISHED


class PublishedReadOnly:
    """A published plan (and its rows) or plan version is shown, never changed here: a
    published plan changes through a new version (Settings → Plans)."""

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return not _published(obj) and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return not _published(obj) and super().has_delete_permission(request, obj)  # type: ignore[misc]


class PlanRowInline(PublishedReadOnly, admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return not _published(obj) and super().has_add_permission(request, obj)


class CoverageInline(PlanRowInline):
    model = PlanCoverage


class TargetInline(PlanRowInline):
    model = ResponseTarget


class VersionInline(admin.TabularInline):
    model = PlanVersion
    fields = ("number", "status", "effective_from", "clocks", "published_at", "applied_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Plan)
class PlanAdmin(PublishedReadOnly, admin.ModelAdmin):
    """A plan is published on its settings page (plans.versions.plan_publish, which
    refuses a half-finished one): here it is shown, never published by a status choice."""

    list_display = ["name", "status", "version", "calendar", "max_authorized_contacts"]
    readonly_fields = ["status"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CoverageInline, TargetInline, VersionInline]


@admin.register(PlanVersion)
class PlanVersionAdmin(PublishedReadOnly, admin.ModelAdmin):
    """Versions are drafted and published on the plan's settings page; here they are
    read (a draft's date and clock choice may be changed, or the draft deleted)."""

    list_display = ["plan", "number", "status", "effective_from", "clocks", "applied_at"]
    list_filter = ["status", "plan"]
    list_select_related = ["plan"]
    fields = ["plan", "number", "status", "effective_from", "clocks", "terms", "applied_at"]
    readonly_fields = ["plan", "number", "status", "terms", "applied_at"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


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
