from django.utils import timezone
from django_tasks import task

from .sweep import send_due_surveys


@task()
def send_surveys() -> int:
    """Mail the satisfaction survey of tickets solved long enough ago (a scheduler job)."""
    return send_due_surveys(timezone.now())
