"""The task that sends a batch of incident notices (enqueued by fanout on commit)."""

from django.utils import timezone
from django_tasks import task

from charterdesk.mail.sending import outbound_send


@task()
def deliver_notices(mail_ids: list[int]) -> int:
    """Send one batch of queued incident notices (the outbox sweep retries failures)."""
    now = timezone.now()
    for mail_id in mail_ids:
        outbound_send(mail_id, now)
    return len(mail_ids)
