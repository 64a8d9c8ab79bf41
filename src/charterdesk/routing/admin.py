from django.contrib import admin

from .models import Queue, Team


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "lead"]
    filter_horizontal = ["members"]


@admin.register(Queue)
class QueueAdmin(admin.ModelAdmin):
    list_display = ["name", "team", "tier", "position", "is_default"]
    list_editable = ["position", "is_default"]
