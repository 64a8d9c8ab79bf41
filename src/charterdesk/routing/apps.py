from django.apps import AppConfig


class RoutingConfig(AppConfig):
    name = "charterdesk.routing"
    label = "routing"

    def ready(self) -> None:
        from charterdesk.core.audit import audit

        from .models import AgentProfile, Queue, RoutingRule, Team

        audit(Team, many=("members",))
        audit(AgentProfile, exclude=("last_assigned_at", "availability"))
        audit(Queue)
        audit(RoutingRule)
