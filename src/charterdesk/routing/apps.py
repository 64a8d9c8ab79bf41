from django.apps import AppConfig


class RoutingConfig(AppConfig):
    name = "charterdesk.routing"
    label = "routing"

    def ready(self) -> None:
        from charterdesk.core.audit import audit

        from .models import Queue, RoutingRule, Team

        audit(Team)
        audit(Queue)
        audit(RoutingRule)
