from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "charterdesk.commitments"
    label = "commitments"
