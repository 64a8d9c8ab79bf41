from django.contrib import admin

from .models import Contact, Organization


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["email", "name", "user"]
    raw_id_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    search_fields = ["name"]
    inlines = [ContactInline]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "organization"]
    search_fields = ["email", "name"]
    list_select_related = ["organization"]
    raw_id_fields = ["user", "organization"]
