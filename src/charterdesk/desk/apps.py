from django.apps import AppConfig

from charterdesk.core.panels import register_page


class DeskConfig(AppConfig):
    name = "charterdesk.desk"
    label = "desk"

    def ready(self) -> None:
        from . import views  # noqa: PLC0415 - views import models: only once apps are ready

        register_page("ticket", views.ticket_page)
