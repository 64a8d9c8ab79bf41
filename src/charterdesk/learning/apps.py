from django.apps import AppConfig


class LearningConfig(AppConfig):
    """Learning paths for new agents (solved tickets and articles to study, in order) and
    shadow mode (a new agent's public replies wait as drafts for a mentor's approval)."""

    name = "charterdesk.learning"
    label = "learning"
