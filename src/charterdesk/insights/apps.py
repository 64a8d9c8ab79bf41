from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """Learning from every ticket: the import of past tickets, root causes, volume
    analytics, spikes of similar tickets and gaps in the knowledge base."""

    name = "charterdesk.insights"
    label = "insights"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - the periodic jobs
