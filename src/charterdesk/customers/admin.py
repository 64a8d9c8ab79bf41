from django.contrib import admin

from .models import Contact, Organization, OrganizationDomain


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["email", "name", "user", "deactivated_at"]
    raw_id_fields = ["user"]


class DomainInline(admin.TabularInline):
    """Domains are verified on the settings page (DNS record or mailed link)."""

    model = OrganizationDomain
    extra = 0
    fields = ["domain", "verified_at", "verified_by"]
    readonly_fields = ["verified_at", "verified_by"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "language", "region", "is_partner", "created_at"]
    search_fields = ["name", "domains__domain"]
    raw_id_fields = ["relationship_manager"]
    inlines = [DomainInline, ContactInline]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "organization", "deactivated_at"]
    search_fields = ["email", "name"]
    list_select_related = ["organization"]
    raw_id_fields = ["user", "organization"]
