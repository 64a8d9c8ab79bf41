from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RoutingConfig(AppConfig):
    name = "charterdesk.routing"
    label = "routing"

    def ready(self) -> None:
        from charterdesk.core.audit import audit
        from charterdesk.core.config_triggers import watch
        from charterdesk.tickets.category_models import Category
        from charterdesk.tickets.hooks import ticket_categorized

        from .models import AgentProfile, Queue, RoutingRule, Team
        from .recategorized import on_ticket_categorized
        from .receivers import restore_agent_loads

        audit(Team, many=("members",))
        audit(AgentProfile, exclude=("last_assigned_at", "availability"))
        audit(Queue)
        audit(RoutingRule)
        watch(RoutingRule, Queue, Team, Category)  # kept in memory by routing.rules
        ticket_categorized.register(on_ticket_categorized)
        post_migrate.connect(
            restore_agent_loads, sender=self, dispatch_uid="routing-restore-agent-loads"
        )
