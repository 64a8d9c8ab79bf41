from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "charterdesk.community"
    label = "community"
    verbose_name = "Community forum"

    def ready(self) -> None:
        from charterdesk.knowledge import elsewhere

        from . import answers, indexing

        indexing.register()
        elsewhere.register(answers.find)
