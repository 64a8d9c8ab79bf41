from datetime import timedelta

from django_tasks import task

from charterdesk.core.schedule import periodic

from .imap import poll_mailboxes as poll


@periodic("poll-mailboxes", every=timedelta(minutes=1))
@task()
def poll_mailboxes() -> dict[str, dict[str, int] | str]:
    """Read new mail from every enabled mailbox (a scheduler job, every minute)."""
    return {
        report.mailbox: report.error or dict(report.counts)
        for report in poll()
        if not report.skipped
    }
