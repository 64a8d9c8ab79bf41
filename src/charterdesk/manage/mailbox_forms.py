"""The mailbox form of the settings page: the IMAP server, the account and the folder
(the write-only password is the shared form's, mailboxes.forms)."""

from typing import Any

from django import forms as django_forms

from charterdesk.mailboxes import forms
from charterdesk.plans.models import Plan, PlanStatus
from charterdesk.routing.models import Queue


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
            "queue": "New requests wait in the queue",
            "plan": "Plan for senders without a contract",
        }
        help_texts = {
            "name": "Letters, digits and hyphens, e.g. support.",
            "password_env": "Instead of a stored password; NAME_FILE may name a file holding it.",
            "move_to": "Only when messages are moved.",
            "queue": "Empty: the routing rules choose the queue.",
            "plan": "What routing rules see for them; coverage and clocks need a contract.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queue = self.fields["queue"]
        queue.queryset = Queue.objects.order_by("position", "name")  # type: ignore[attr-defined]
        queue.empty_label = "— as the routing rules decide —"  # type: ignore[attr-defined]
        plan = self.fields["plan"]
        plan.queryset = Plan.objects.filter(status=PlanStatus.PUBLISHED).order_by("position")  # type: ignore[attr-defined]
        plan.empty_label = "— none —"  # type: ignore[attr-defined]

    def plain_fields(self) -> list[django_forms.BoundField]:
        return [self[name] for name in self.fields if name != "enabled"]
