from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "charterdesk.intake"
    label = "intake"
