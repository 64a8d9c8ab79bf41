from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "charterdesk.mail"
    label = "mail"

    def ready(self) -> None:
        from charterdesk.tickets.hooks import ticket_changed

        from .receivers import reply_to_requester

        ticket_changed.register(reply_to_requester)
