from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "charterdesk.incidents"
    label = "incidents"

    def ready(self) -> None:
        from charterdesk.core.audit import audit
        from charterdesk.core.config_triggers import watch

        from . import tasks  # noqa: F401 - registers the app's periodic jobs
        from .models import (
            AudienceOrganization,
            Deployment,
            Incident,
            MessageTemplate,
            RoleAssignment,
            Service,
            SeverityPolicy,
        )
        from .webhooks.models import WebhookEndpoint

        audit(Service, exclude=("created_at",))
        # Open incidents by organization, kept in memory for intake (services/linking).
        watch(Incident, AudienceOrganization, Incident.services.through, Service)
        audit(Deployment, exclude=("created_at",))
        audit(SeverityPolicy)
        audit(RoleAssignment)
        audit(MessageTemplate, exclude=("updated_at",))
        audit(
            WebhookEndpoint,
            exclude=("consecutive_failures", "disabled_at", "created_by", "created_at"),
            secrets=("secret",),
        )
