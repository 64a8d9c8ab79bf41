from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from .models import Mailbox


class MailboxForm(forms.ModelForm):
    password = forms.CharField(
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="Never shown again. Leave empty to keep the current one.",
    )

    class Meta:
        model = Mailbox
        fields = [
            "name",
            "enabled",
            "host",
            "port",
            "tls",
            "username",
            "password",
            "password_env",
            "folder",
            "after_storing",
            "move_to",
        ]

    def clean_password(self) -> str:
        return self.cleaned_data["password"] or (self.instance.password if self.instance else "")


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
