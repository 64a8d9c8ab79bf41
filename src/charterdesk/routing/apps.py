from django.apps import AppConfig


class RoutingConfig(AppConfig):
    name = "charterdesk.routing"
    label = "routing"
