from django.apps import AppConfig


class SlaConfig(AppConfig):
    name = "charterdesk.sla"
    label = "sla"

    def ready(self) -> None:
        from charterdesk.tickets.hooks import ticket_changed

        from .receivers import clocks_follow_ticket

        ticket_changed.register(clocks_follow_ticket)
