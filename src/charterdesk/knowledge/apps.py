from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "charterdesk.knowledge"
    label = "knowledge"
    verbose_name = "Knowledge base"

    def ready(self) -> None:
        from . import indexing, tasks  # noqa: F401 - the article kind and the periodic jobs

        indexing.register()
