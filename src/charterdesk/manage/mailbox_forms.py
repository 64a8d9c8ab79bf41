"""The mailbox form of the settings page: the IMAP server, the account and the folder
(the write-only password is the shared form's, mailboxes.forms)."""

from django import forms as django_forms

from charterdesk.mailboxes import forms


class MailboxForm(forms.MailboxForm):
    """The settings page's words for each field."""

    class Meta(forms.MailboxForm.Meta):
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

    def plain_fields(self) -> list[django_forms.BoundField]:
        return [self[name] for name in self.fields if name != "enabled"]
