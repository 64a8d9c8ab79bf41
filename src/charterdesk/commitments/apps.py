from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "charterdesk.commitments"
    label = "commitments"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - registers the app's periodic jobs
