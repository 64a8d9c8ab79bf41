from django.apps import AppConfig


class LearningConfig(AppConfig):
    """Learning paths for new agents (solved tickets and articles to study, in order) and
    shadow mode (a new agent's public replies wait as drafts for a mentor's approval)."""

    name = "charterdesk.learning"
    label = "learning"

    def ready(self) -> None:
        # Imported here, not at the top: Django loads models after every AppConfig.
        from charterdesk.tickets.hooks import public_reply_checks

        from .shadow import refuse_shadowed_replies

        public_reply_checks.register(refuse_shadowed_replies)
