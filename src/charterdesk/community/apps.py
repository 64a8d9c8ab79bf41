from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "charterdesk.community"
    label = "community"
    verbose_name = "Community forum"

    def ready(self) -> None:
        from charterdesk.knowledge import elsewhere

        from . import answers, indexing, tasks  # noqa: F401 - tasks: the periodic digest

        indexing.register()
        elsewhere.register(answers.find)
