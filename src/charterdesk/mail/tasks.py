"""Background mail work: fetch by id, call a service."""

from datetime import timedelta

from django_tasks import task

from charterdesk.core.schedule import periodic

from .sending import outbound_send
from .sweep import outbox_sweep


@task()
def send_outbound_mail(mail_id: int) -> str:
    return outbound_send(mail_id)


@periodic("sweep-outbox", every=timedelta(minutes=1))
@task()
def sweep_outbox() -> dict[str, int]:
    """Scheduler job: retries, lost tasks, and rows a dead worker left behind."""
    return outbox_sweep()
