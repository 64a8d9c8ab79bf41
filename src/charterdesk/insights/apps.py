from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """Learning from every ticket: the import of past tickets, root causes and volume
    analytics."""

    name = "charterdesk.insights"
    label = "insights"
