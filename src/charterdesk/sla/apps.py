from django.apps import AppConfig


class SlaConfig(AppConfig):
    name = "charterdesk.sla"
    label = "sla"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - registers the app's periodic jobs
