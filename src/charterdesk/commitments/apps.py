from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "charterdesk.commitments"
    label = "commitments"

    def ready(self) -> None:
        from charterdesk.tickets.wording import values_in_words

        from . import tasks  # noqa: F401 - registers the app's periodic jobs
        from .models import CommitmentState

        values_in_words("commitment", CommitmentState)
