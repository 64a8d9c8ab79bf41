from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """The agent workspace around the ticket: tags and custom fields on the ticket page,
    macros, saved views and bulk actions."""

    name = "charterdesk.workspace"
    label = "workspace"
