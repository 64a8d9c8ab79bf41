from django.apps import AppConfig


class SlaConfig(AppConfig):
    name = "charterdesk.sla"
    label = "sla"

    def ready(self) -> None:
        from django.core import checks

        from charterdesk.plans.hooks import contract_terms_changed
        from charterdesk.plans.models import SlaAction

        from .actions import check_every_action_has_a_handler, notify, raise_priority, sla_actions
        from .tasks import recompute_when_terms_change

        sla_actions.register(SlaAction.NOTIFY_ASSIGNEE, notify)
        sla_actions.register(SlaAction.NOTIFY_TEAM_LEAD, notify)
        sla_actions.register(SlaAction.RAISE_PRIORITY, raise_priority)
        checks.register(check_every_action_has_a_handler)
        contract_terms_changed.register(recompute_when_terms_change)
