from django.apps import AppConfig
from django.db.models.signals import post_migrate

from .dashboard.indexes import restore_dashboard_indexes


class WorkspaceConfig(AppConfig):
    """The agent workspace around the ticket: tags and custom fields on the ticket page,
    macros, saved views and bulk actions."""

    name = "charterdesk.workspace"
    label = "workspace"

    def ready(self) -> None:
        from . import tasks  # noqa: F401 - registers the app's periodic jobs

        post_migrate.connect(
            restore_dashboard_indexes, sender=self, dispatch_uid="workspace-dashboard-indexes"
        )
