from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "charterdesk.customers"
    label = "customers"

    def ready(self) -> None:
        from charterdesk.core import config_cache
        from charterdesk.core.audit import audit
        from charterdesk.core.config_triggers import watch

        from .models import Contact, Organization, OrganizationDomain

        audit(Organization, exclude=("created_at",))
        audit(OrganizationDomain)
        audit(Contact, exclude=("created_at", "bouncing_since", "bounce_reason"))
        # The API's requester look-up keeps contacts in memory (selectors.contact_by_email).
        watch(Contact, Organization, scope=config_cache.PEOPLE)
