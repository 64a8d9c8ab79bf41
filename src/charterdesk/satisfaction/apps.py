from django.apps import AppConfig


class SatisfactionConfig(AppConfig):
    name = "charterdesk.satisfaction"
    label = "satisfaction"
