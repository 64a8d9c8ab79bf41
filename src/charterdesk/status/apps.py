from django.apps import AppConfig


class StatusConfig(AppConfig):
    name = "charterdesk.status"
    label = "status"
