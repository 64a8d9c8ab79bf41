from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "charterdesk.triage"
    label = "triage"
    verbose_name = "Automatic triage"

    def ready(self) -> None:
        from charterdesk.intake.hooks import ticket_created

        from . import tasks  # noqa: F401 - the periodic retrain
        from .receivers import on_ticket_created

        ticket_created.register(on_ticket_created)
