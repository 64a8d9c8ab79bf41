from django.apps import AppConfig


class SuccessConfig(AppConfig):
    """Customer success: playbooks and their runs, account health, account reviews and
    onboarding."""

    name = "charterdesk.success"
    label = "success"
    verbose_name = "Customer success"

    def ready(self) -> None:
        from charterdesk.core.audit import audit

        from . import indexing, tasks  # noqa: F401 - the playbook kind and the periodic jobs
        from .models import AccountReview, PlaybookRun, PlaybookVersion, RunTask

        indexing.register()
        for model in (PlaybookVersion, PlaybookRun, RunTask, AccountReview):
            audit(model)
