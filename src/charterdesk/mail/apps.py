from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "charterdesk.mail"
    label = "mail"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - registers the app's periodic jobs
