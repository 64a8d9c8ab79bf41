"""The mailbox form: the IMAP server, the account and the folder. The password is
write-only: never shown back, and kept when left blank on an edit."""

from typing import Any

from django import forms

from charterdesk.mailboxes.models import Mailbox


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
        ]
        labels = {
            "name": "Name",
            "host": "IMAP server",
            "tls": "Encryption",
            "username": "User name",
            "password_env": "Or read the password from the environment variable",
            "folder": "Folder",
            "after_storing": "Once a message is stored",
            "move_to": "Move it to the folder",
            "enabled": "Read this mailbox",
        }
        help_texts = {
            "name": "Letters, digits and hyphens, e.g. support.",
            "password_env": "Instead of a stored password; NAME_FILE may name a file holding it.",
            "move_to": "Only when messages are moved.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.pop("password", None)  # never sent back to the browser
        if self.instance.password:
            self.fields["password"].help_text = "A password is stored: leave blank to keep it."

    def clean_password(self) -> str:
        return self.cleaned_data.get("password") or self.instance.password

    def plain_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name != "enabled"]
