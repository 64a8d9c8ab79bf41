from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "charterdesk.commitments"
    label = "commitments"

    def ready(self) -> None:
        from charterdesk.tickets.hooks import ticket_anonymizing

        from . import tasks  # noqa: F401 - registers the app's periodic jobs
        from .anonymize import forget_commitment_texts

        ticket_anonymizing.register(forget_commitment_texts)
