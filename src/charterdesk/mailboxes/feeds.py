"""Which mailbox a stored message came from, and so which queue and plan its new request
goes to (`Mailbox.queue`, `Mailbox.plan`). Read from the message's source, the IMAP URL
the poller stored it under (imap.source_of), so a quarantined message processed again
later lands where it would have the first time."""

from urllib.parse import unquote, urlsplit

from charterdesk.intake.services import Feed

from .models import Mailbox


def mailbox_of(source: str) -> Mailbox | None:
    """The mailbox of `imap://user@host:port/folder;UIDVALIDITY=…/;UID=…`, or None for
    a message from another door (the SMTP gateway, a file) or a mailbox since removed."""
    if not source.startswith("imap://"):
        return None
    try:
        url = urlsplit(source)
        port = url.port or 993
    except ValueError:
        return None
    folder = unquote(url.path.lstrip("/").split(";", 1)[0])
    return (
        Mailbox.objects.select_related("queue__team")
        .filter(
            username=unquote(url.username or ""),
            host__iexact=url.hostname or "",
            port=port,
            folder=folder,
        )
        .first()
    )


def feed_of(source: str) -> Feed | None:
    """The queue and plan the message's mailbox feeds, or None when it sets neither."""
    mailbox = mailbox_of(source)
    if mailbox is None or (mailbox.queue is None and mailbox.plan_id is None):
        return None
    return Feed(name=f"mailbox '{mailbox.name}'", queue=mailbox.queue, plan_id=mailbox.plan_id)
