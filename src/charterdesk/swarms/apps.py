from django.apps import AppConfig


class SwarmsConfig(AppConfig):
    name = "charterdesk.swarms"
    label = "swarms"
