from django_tasks import task

from .imap import poll_mailboxes as poll


@task()
def poll_mailboxes() -> dict[str, dict[str, int] | str]:
    """Read new mail from every enabled mailbox (a scheduler job, every minute)."""
    return {
        report.mailbox: report.error or dict(report.counts)
        for report in poll()
        if not report.skipped
    }
