from django.apps import AppConfig


class SlaConfig(AppConfig):
    name = "charterdesk.sla"
    label = "sla"

    def ready(self) -> None:
        from django.core import checks

        from charterdesk.plans.models import SlaAction

        from . import tasks  # noqa: F401 - registers the app's periodic jobs
        from .actions import check_every_action_has_a_handler, notify, raise_priority, sla_actions

        sla_actions.register(SlaAction.NOTIFY_ASSIGNEE, notify)
        sla_actions.register(SlaAction.NOTIFY_TEAM_LEAD, notify)
        sla_actions.register(SlaAction.RAISE_PRIORITY, raise_priority)
        checks.register(check_every_action_has_a_handler)
