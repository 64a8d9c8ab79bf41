from django.apps import AppConfig


class HoursConfig(AppConfig):
    name = "charterdesk.hours"
    label = "hours"
