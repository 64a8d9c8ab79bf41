from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "charterdesk.plans"
    label = "plans"

    def ready(self) -> None:
        from . import authorized  # noqa: F401 - registers its periodic job
