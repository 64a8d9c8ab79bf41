from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "charterdesk.incidents"
    label = "incidents"
