from django.utils import timezone
from django_tasks import task

from .sweep import mail_due_statements


@task()
def mail_monthly_statements() -> int:
    """Mail last month's usage statements to contract administrators (a scheduler job)."""
    return len(mail_due_statements(timezone.now()))
