from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "charterdesk.intake"
    label = "intake"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - registers the app's periodic jobs
