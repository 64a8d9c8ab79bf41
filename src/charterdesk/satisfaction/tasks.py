from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .sweep import send_due_surveys


@periodic("send-surveys", every=timedelta(minutes=10))
@task()
def send_surveys() -> int:
    """Mail the satisfaction survey of tickets solved long enough ago (a scheduler job)."""
    return send_due_surveys(timezone.now())
