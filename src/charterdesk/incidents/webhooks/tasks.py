"""The webhooks' background work: send a fresh batch on commit, and the periodic
`retry-webhooks` job that sends whatever is due (retries, and batches a lost task left)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from charterdesk.core.schedule import periodic

from .sweep import attempt, claim, sweep


@task()
def deliver_webhooks(delivery_ids: list[int]) -> int:
    """Send the given deliveries now (those still due and unclaimed)."""
    now = timezone.now()
    with transaction.atomic():
        ids = claim(now, ids=delivery_ids)
    for delivery_id in ids:
        attempt(delivery_id, now)
    return len(ids)


@periodic("retry-webhooks", every=timedelta(minutes=1))
@task()
def retry_webhooks() -> dict[str, int]:
    """Send the deliveries that are due: first tries a task missed, and retries."""
    return {"attempted": len(sweep(timezone.now()))}
