from django.apps import AppConfig


class HoursConfig(AppConfig):
    name = "charterdesk.hours"
    label = "hours"

    def ready(self) -> None:
        from charterdesk.tickets.hooks import ticket_anonymizing

        from .anonymize import forget_time_notes

        ticket_anonymizing.register(forget_time_notes)
