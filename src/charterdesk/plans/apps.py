from django.apps import AppConfig
from django.db.models.signals import m2m_changed


class PlansConfig(AppConfig):
    name = "charterdesk.plans"
    label = "plans"

    def ready(self) -> None:
        from charterdesk.core.audit import audit
        from charterdesk.core.config_triggers import watch

        from . import tasks  # noqa: F401 - registers the app's periodic jobs
        from .guards import contacts_of_the_organization_only
        from .models import Contract, Plan, PlanCoverage, PlanVersion, ResponseTarget

        audit(Plan)
        audit(PlanCoverage)
        audit(ResponseTarget)
        audit(PlanVersion, exclude=("created_at",))
        audit(Contract, exclude=("created_at",), many=("authorized_contacts", "administrators"))
        # Kept in memory by plans.config.
        watch(Plan, PlanCoverage, ResponseTarget, Contract, Contract.authorized_contacts.through)

        for through in (Contract.authorized_contacts.through, Contract.administrators.through):
            m2m_changed.connect(
                contacts_of_the_organization_only, sender=through, dispatch_uid=through.__name__
            )
