from django.apps import AppConfig


class EscalationsConfig(AppConfig):
    name = "charterdesk.escalations"
    label = "escalations"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - registers the app's periodic jobs
