from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save, pre_migrate


class SearchConfig(AppConfig):
    name = "charterdesk.search"
    label = "search"

    def ready(self) -> None:
        # Imported here, not at the top: Django loads models after every AppConfig.
        from charterdesk.tickets.models import Message, Ticket

        from . import tasks  # noqa: F401 - registers the app's periodic jobs
        from .receivers import (
            learn_message_words,
            learn_ticket_words,
            restore_ticket_index,
            suspend_ticket_index,
        )

        post_save.connect(learn_ticket_words, sender=Ticket, dispatch_uid="search-ticket-words")
        post_save.connect(learn_message_words, sender=Message, dispatch_uid="search-message-words")
        pre_migrate.connect(
            suspend_ticket_index, sender=self, dispatch_uid="search-suspend-ticket-index"
        )
        post_migrate.connect(
            restore_ticket_index, sender=self, dispatch_uid="search-restore-ticket-index"
        )
