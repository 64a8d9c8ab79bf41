from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "charterdesk.demo"
    label = "demo"

    def ready(self) -> None:
        from charterdesk.core.banner import startup_lines

        from .signins import add_sign_ins

        startup_lines.register(add_sign_ins)
