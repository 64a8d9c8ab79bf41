from django.apps import AppConfig


class StatusConfig(AppConfig):
    name = "charterdesk.status"
    label = "status"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - registers the app's periodic jobs
