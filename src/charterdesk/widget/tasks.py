"""The widget's periodic job."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .sweep import widget_sweep


@periodic("sweep-widget-tokens", every=timedelta(minutes=15))
@task()
def sweep_widget_tokens() -> dict[str, int]:
    """Forget used token ids and sessions past their expiry (every 15 minutes)."""
    with transaction.atomic():
        return widget_sweep(timezone.now())
