from django.contrib import admin

from .models import AgentProfile, Queue, RoutingRule, Team


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "lead", "hands_over_to"]
    filter_horizontal = ["members"]


@admin.register(Queue)
class QueueAdmin(admin.ModelAdmin):
    list_display = ["name", "team", "tier", "assignment", "position", "is_default"]
    list_editable = ["position", "is_default"]


@admin.register(AgentProfile)
class AgentProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "availability", "calendar", "capacity"]
    list_filter = ["availability", "calendar"]
    list_select_related = ["user", "calendar"]
    search_fields = ["user__email", "user__name"]
    autocomplete_fields = ["user"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    """Managers usually edit rules on the desk (/desk/routing/rules), with field checks."""

    list_display = ["position", "name", "queue", "enabled"]
    list_select_related = ["queue"]
