from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "charterdesk.commitments"
    label = "commitments"

    def ready(self) -> None:
        from charterdesk.tickets.hooks import ticket_anonymizing
        from charterdesk.tickets.wording import values_in_words

        from . import tasks  # noqa: F401 - registers the app's periodic jobs
        from .anonymize import forget_commitment_texts
        from .models import CommitmentState

        ticket_anonymizing.register(forget_commitment_texts)
        values_in_words("commitment", CommitmentState)
