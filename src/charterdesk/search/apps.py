from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "charterdesk.search"
    label = "search"
