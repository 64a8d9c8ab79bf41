from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "charterdesk.core"
    label = "core"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - registers the app's periodic jobs
