from django.apps import AppConfig


class EscalationsConfig(AppConfig):
    name = "charterdesk.escalations"
    label = "escalations"
