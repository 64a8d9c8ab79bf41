from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "charterdesk.plans"
    label = "plans"
