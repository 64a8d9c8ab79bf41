"""Background mail work: fetch by id, call a service."""

from datetime import timedelta

from django_tasks import task

from charterdesk.core.schedule import periodic

from .sending import outbound_send
from .sweep import outbox_sweep


@task()
def send_outbound_mail(mail_id: int) -> str:
    return outbound_send(mail_id)


@task()
def send_outbound_mails(mail_ids: list[int]) -> dict[str, int]:
    """The mail a bulk action queued, one chunk a task: each sent as `send_outbound_mail`
    sends it; what this task does not reach, the outbox sweep sends within a minute."""
    counts: dict[str, int] = {}
    for mail_id in mail_ids:
        state = outbound_send(mail_id)
        counts[state] = counts.get(state, 0) + 1
    return counts


@periodic("sweep-outbox", every=timedelta(minutes=1))
@task()
def sweep_outbox() -> dict[str, int]:
    """Scheduler job: retries, lost tasks, and rows a dead worker left behind."""
    return outbox_sweep()
