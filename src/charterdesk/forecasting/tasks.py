from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .models import ForecastRun, Trigger
from .services import forecast_run
from .sweep import sweep

NIGHTLY_AFTER_HOUR = 2  # local hour (TIME_ZONE) after which the night's run is due


def nightly_due(now: datetime) -> bool:
    """A scheduled run is due once a day, after 02:00 in the desk's time zone."""
    local = timezone.localtime(now)
    if local.hour < NIGHTLY_AFTER_HOUR:
        return False
    today = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return not ForecastRun.objects.filter(trigger=Trigger.SCHEDULED, started_at__gte=today).exists()


@periodic("forecast-nightly", every=timedelta(hours=1))
@task()
def forecast_nightly() -> dict[str, int]:
    """Compute the forecast once a night (checked hourly), then alert the team leads."""
    ran = 0
    if nightly_due(timezone.now()):
        with transaction.atomic():
            forecast_run(trigger=Trigger.SCHEDULED)
        ran = 1
    with transaction.atomic():
        result = sweep(timezone.now())
    return {"runs": ran, "alerted": len(result.mailed)}


@task()
def forecast_now() -> dict[str, int]:
    """A forecast asked for on the page ("compute now"), then the alerts."""
    with transaction.atomic():
        run = forecast_run(trigger=Trigger.ON_DEMAND)
    with transaction.atomic():
        result = sweep(timezone.now())
    return {"run": run.pk, "alerted": len(result.mailed)}
