from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .dashboard.rollup import sweep


@periodic("roll-up-trends", every=timedelta(minutes=1))
@task()
def roll_up_trends() -> dict[str, int]:
    """Count the dashboard trends' closed days into the daily rollup (dashboard.rollup)."""
    with transaction.atomic():
        return sweep(timezone.now(), ZoneInfo(timezone.get_default_timezone_name()))
