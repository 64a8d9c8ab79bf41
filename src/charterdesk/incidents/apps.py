from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "charterdesk.incidents"
    label = "incidents"

    def ready(self) -> None:
        from charterdesk.core.audit import audit

        from . import tasks  # noqa: F401 - registers the app's periodic jobs
        from .models import Deployment, MessageTemplate, RoleAssignment, Service, SeverityPolicy
        from .webhooks.models import WebhookEndpoint

        audit(Service, exclude=("created_at",))
        audit(Deployment, exclude=("created_at",))
        audit(SeverityPolicy)
        audit(RoleAssignment)
        audit(MessageTemplate, exclude=("updated_at",))
        audit(
            WebhookEndpoint,
            exclude=("consecutive_failures", "disabled_at", "created_by", "created_at"),
            secrets=("secret",),
        )
