"""The outbox sweep (a scheduler job, every minute): what the on-commit tasks did not send."""

from datetime import datetime

from django.utils import timezone

from .models import Delivery, OutboundMail
from .sending import outbound_send


def outbox_sweep(now: datetime | None = None) -> dict[str, int]:
    """Send what is due (retries, and rows whose task was lost), and mark rows left in
    `sending` by a worker that died as uncertain. Returns counts per resulting state."""
    now = now or timezone.now()
    OutboundMail.objects.filter(state=Delivery.SENDING, lease_until__lt=now).update(
        state=Delivery.UNCERTAIN,
        last_error="The worker stopped while sending; it may or may not have gone out.",
    )
    due = OutboundMail.objects.filter(
        state__in=(Delivery.QUEUED, Delivery.RETRYING), next_attempt_at__lte=now
    ).values_list("pk", flat=True)[:500]
    counts: dict[str, int] = {}
    for pk in list(due):
        state = outbound_send(pk, now)
        counts[state] = counts.get(state, 0) + 1
    return counts
