"""The mailbox form shared by the settings page and the Django admin. The password is
write-only: never sent back to the browser, and kept when left blank on an edit."""

from typing import Any

from django import forms

from .models import Mailbox


class MailboxForm(forms.ModelForm):
    password = forms.CharField(
        label="Password",
        required=False,
        max_length=255,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = Mailbox
        fields = [
            "name",
            "host",
            "port",
            "tls",
            "username",
            "password",
            "password_env",
            "folder",
            "after_storing",
            "move_to",
            "enabled",
            "queue",
            "plan",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.pop("password", None)  # never sent back to the browser
        if self.instance.password:
            self.fields["password"].help_text = "A password is stored: leave blank to keep it."

    def clean_password(self) -> str:
        return self.cleaned_data.get("password") or self.instance.password
