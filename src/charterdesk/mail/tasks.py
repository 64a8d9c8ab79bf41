"""Background mail work: fetch by id, call a service."""

from django_tasks import task

from .sending import outbound_send, outbox_sweep


@task()
def send_outbound_mail(mail_id: int) -> str:
    return outbound_send(mail_id)


@task()
def sweep_outbox() -> dict[str, int]:
    """Scheduler job: retries, lost tasks, and rows a dead worker left behind."""
    return outbox_sweep()
