from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "charterdesk.statements"
    label = "statements"
