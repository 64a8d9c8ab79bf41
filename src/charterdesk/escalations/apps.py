from django.apps import AppConfig


class EscalationsConfig(AppConfig):
    name = "charterdesk.escalations"
    label = "escalations"

    def ready(self) -> None:
        from charterdesk.plans.models import SlaAction
        from charterdesk.sla.actions import sla_actions
        from charterdesk.tickets.hooks import ticket_anonymizing
        from charterdesk.tickets.wording import values_in_words

        from . import tasks  # noqa: F401 - registers the app's periodic jobs
        from .anonymize import forget_escalation_texts
        from .models import Decision, RequestState
        from .services import escalate_for_sla

        sla_actions.register(SlaAction.ESCALATE_TIER, escalate_for_sla)
        ticket_anonymizing.register(forget_escalation_texts)
        values_in_words("escalation_request", RequestState, Decision)
