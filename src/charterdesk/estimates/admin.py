from django.contrib import admin

from .models import Estimate


@admin.register(Estimate)
class EstimateAdmin(admin.ModelAdmin[Estimate]):
    list_display = ("ticket", "hours", "rate", "state", "author", "decided_by", "created_at")
    list_filter = ("state",)
    raw_id_fields = ("ticket", "decided_by")
