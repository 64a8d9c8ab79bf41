from django.apps import AppConfig


class TicketsConfig(AppConfig):
    name = "charterdesk.tickets"
    label = "tickets"

    def ready(self) -> None:
        from charterdesk.core.audit import audit

        from . import tasks  # noqa: F401 - registers the app's periodic jobs
        from .models import CustomField

        audit(CustomField)
