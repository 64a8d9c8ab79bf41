from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "charterdesk.triage"
    label = "triage"
    verbose_name = "Automatic triage"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - the periodic retrain
