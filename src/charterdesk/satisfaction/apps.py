from django.apps import AppConfig


class SatisfactionConfig(AppConfig):
    name = "charterdesk.satisfaction"
    label = "satisfaction"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - registers the app's periodic jobs
