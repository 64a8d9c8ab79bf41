from django.apps import AppConfig
from django.core import checks


class SlaConfig(AppConfig):
    name = "charterdesk.sla"
    label = "sla"

    def ready(self) -> None:
        # Imported here, not at the top: Django loads models after every AppConfig.
        from charterdesk.core.audit import audit
        from charterdesk.core.config_triggers import watch
        from charterdesk.plans.hooks import contract_terms_changed, plan_version_applied
        from charterdesk.plans.models import SlaAction
        from charterdesk.tickets.hooks import ticket_changed

        from . import tasks  # noqa: F401 - registers the app's periodic jobs
        from .actions import check_every_action_has_a_handler, notify, raise_priority, sla_actions
        from .models import Calendar
        from .receivers import (
            clocks_follow_plan_version,
            clocks_follow_ticket,
            recompute_when_terms_change,
        )

        audit(Calendar)
        watch(Calendar)  # plans.config keeps plans with their calendars in memory

        ticket_changed.register(clocks_follow_ticket)
        contract_terms_changed.register(recompute_when_terms_change)
        plan_version_applied.register(clocks_follow_plan_version)
        sla_actions.register(SlaAction.NOTIFY_ASSIGNEE, notify)
        sla_actions.register(SlaAction.NOTIFY_TEAM_LEAD, notify)
        sla_actions.register(SlaAction.RAISE_PRIORITY, raise_priority)
        checks.register(check_every_action_has_a_handler)
