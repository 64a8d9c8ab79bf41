"""The incident process's settings in the Django admin (audited, like every setting)."""

from django.contrib import admin

from .models import (
    AlertOptIn,
    Deployment,
    MessageTemplate,
    RoleAssignment,
    Service,
    SeverityPolicy,
)


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "is_public", "position"]
    list_select_related = ["parent"]
    search_fields = ["name"]


@admin.register(Deployment)
class DeploymentAdmin(admin.ModelAdmin):
    list_display = ["organization", "service", "region"]
    list_filter = ["service", "region"]
    list_select_related = ["organization", "service"]
    search_fields = ["organization__name"]
    autocomplete_fields = ["organization", "service"]


@admin.register(SeverityPolicy)
class SeverityPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "level",
        "name",
        "alert_customers",
        "alert_after_minutes",
        "max_update_interval_minutes",
        "postmortem_business_days",
    ]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["role", "service", "severity", "user", "team"]
    list_filter = ["role"]
    list_select_related = ["service", "severity", "user", "team"]


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ["kind", "subject", "updated_at"]


@admin.register(AlertOptIn)
class AlertOptInAdmin(admin.ModelAdmin):
    list_display = ["contact", "service", "created_at"]
    list_select_related = ["contact", "service"]
    autocomplete_fields = ["contact"]
