from django.apps import AppConfig


class WidgetConfig(AppConfig):
    name = "charterdesk.widget"
    label = "widget"
    verbose_name = "Help widget"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - registers the app's periodic sweep
