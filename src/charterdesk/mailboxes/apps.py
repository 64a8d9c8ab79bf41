from django.apps import AppConfig


class MailboxesConfig(AppConfig):
    name = "charterdesk.mailboxes"
    label = "mailboxes"

    def ready(self) -> None:
        from charterdesk.core.audit import audit

        from . import tasks  # noqa: F401 - registers the app's periodic jobs
        from .models import Mailbox

        audit(Mailbox, secrets=("password",))
