from django.apps import AppConfig


class EstimatesConfig(AppConfig):
    name = "charterdesk.estimates"
    label = "estimates"
