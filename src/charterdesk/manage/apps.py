from django.apps import AppConfig


class ManageConfig(AppConfig):
    name = "charterdesk.manage"
    label = "manage"
    verbose_name = "Settings"
