from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "charterdesk.customers"
    label = "customers"

    def ready(self) -> None:
        from charterdesk.core.audit import audit

        from .models import Contact, Organization, OrganizationDomain

        audit(Organization, exclude=("created_at",))
        audit(OrganizationDomain)
        audit(Contact, exclude=("created_at", "bouncing_since", "bounce_reason"))
