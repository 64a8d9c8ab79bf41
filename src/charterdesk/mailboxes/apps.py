from django.apps import AppConfig


class MailboxesConfig(AppConfig):
    name = "charterdesk.mailboxes"
    label = "mailboxes"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - registers the app's periodic jobs
