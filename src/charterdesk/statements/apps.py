from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "charterdesk.statements"
    label = "statements"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - registers the app's periodic jobs
