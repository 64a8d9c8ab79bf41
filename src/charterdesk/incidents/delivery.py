"""The task that sends a batch of incident notices (enqueued by fanout on commit)."""

from django.utils import timezone
from django_tasks import task

from charterdesk.mail.models import Delivery, OutboundMail
from charterdesk.mail.sending import outbound_send


@task()
def deliver_notices(after_id: int, upto_id: int) -> int:
    """Send the queued mails with ids in (after_id, upto_id]: one batch of notices (a
    mail of another sender in the range is due as well; sending claims each row, so none
    goes twice). The outbox sweep retries failures."""
    now = timezone.now()
    due = OutboundMail.objects.filter(
        pk__gt=after_id, pk__lte=upto_id, state=Delivery.QUEUED
    ).values_list("pk", flat=True)
    sent = 0
    for mail_id in list(due):
        outbound_send(mail_id, now)
        sent += 1
    return sent
