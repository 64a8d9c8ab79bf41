from django.apps import AppConfig


class ConfigurationConfig(AppConfig):
    name = "charterdesk.configuration"
    label = "configuration"
