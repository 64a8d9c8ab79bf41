from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .sweep import mail_due_statements


@periodic("mail-statements", every=timedelta(hours=1))
@task()
def mail_monthly_statements() -> int:
    """Mail last month's usage statements to contract administrators (a scheduler job)."""
    return len(mail_due_statements(timezone.now()))
