from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .forms import MailboxForm
from .models import Mailbox


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin):
    form = MailboxForm
    list_display = ["name", "host", "username", "folder", "enabled", "last_polled_at", "failures"]
    list_filter = ["enabled"]
    readonly_fields = [
        "uidvalidity",
        "last_uid",
        "last_polled_at",
        "last_error",
        "failures",
        "next_poll_at",
    ]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [*MailboxForm.Meta.fields, *self.readonly_fields]
