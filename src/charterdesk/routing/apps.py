from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RoutingConfig(AppConfig):
    name = "charterdesk.routing"
    label = "routing"

    def ready(self) -> None:
        from charterdesk.core.audit import audit

        from .models import AgentProfile, Queue, RoutingRule, Team
        from .receivers import restore_agent_loads

        audit(Team, many=("members",))
        audit(AgentProfile, exclude=("last_assigned_at", "availability"))
        audit(Queue)
        audit(RoutingRule)
        post_migrate.connect(
            restore_agent_loads, sender=self, dispatch_uid="routing-restore-agent-loads"
        )
