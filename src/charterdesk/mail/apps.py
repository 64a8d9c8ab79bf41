from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "charterdesk.mail"
    label = "mail"

    def ready(self) -> None:
        # Imported here, not at the top: Django loads models after every AppConfig.
        from charterdesk.accounts.hooks import account_mail
        from charterdesk.tickets.hooks import ticket_anonymizing, ticket_changed

        from . import tasks  # noqa: F401 - registers the app's periodic jobs
        from .account_mail import queue_account_mail
        from .anonymize import forget_ticket_mail
        from .receivers import reply_to_followers, reply_to_requester

        ticket_changed.register(reply_to_requester)
        ticket_changed.register(reply_to_followers)
        account_mail.register(queue_account_mail)
        ticket_anonymizing.register(forget_ticket_mail)
