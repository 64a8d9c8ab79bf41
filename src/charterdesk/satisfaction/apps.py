from django.apps import AppConfig


class SatisfactionConfig(AppConfig):
    name = "charterdesk.satisfaction"
    label = "satisfaction"

    def ready(self) -> None:
        from charterdesk.tickets.hooks import ticket_anonymizing

        from . import tasks  # noqa: F401 - registers the app's periodic jobs
        from .services import forget_survey_comment

        ticket_anonymizing.register(forget_survey_comment)
