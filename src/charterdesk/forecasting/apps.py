from django.apps import AppConfig


class ForecastingConfig(AppConfig):
    name = "charterdesk.forecasting"
    label = "forecasting"

    def ready(self) -> None:
        from charterdesk.core.audit import audit

        from . import tasks  # noqa: F401 - registers the app's periodic jobs
        from .models import PeakDay, QueueStaffing

        audit(QueueStaffing)
        audit(PeakDay)
