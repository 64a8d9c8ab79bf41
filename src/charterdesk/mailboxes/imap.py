"""Polling IMAP mailboxes: fetch what is new, hand each message to ingest, and only once
ingest returned (the message is stored) mark it read, move it or delete it.

New means a UID above the last one seen in the folder's current UIDVALIDITY; when the
server changes UIDVALIDITY the folder is read again from the start (ingest recognises
what it already has). Messages are fetched with BODY.PEEK[] so fetching alone never
marks them read: a message whose ingest failed stays as it was and is fetched again; after
GIVE_UP_AFTER rounds in a row its bytes alone are kept, quarantined with the error, and
the poller goes on with the next one."""

import imaplib
import logging
import ssl
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from django.utils import timezone

from .ingest import Ingest, IngestResult, ingest_raw_only
from .ingest import ingest as ingest_mail
from .models import LOCAL_HOSTS, AfterStoring, Mailbox, TlsMode
from .services import mailbox_advance, mailbox_claim, mailbox_failed_on, mailbox_release

log = logging.getLogger(__name__)

MAX_PER_ROUND = 500
GIVE_UP_AFTER = 3  # rounds in a row in which one message failed: then it is quarantined
TIMEOUT_SECONDS = 30

Connect = Callable[[Mailbox], imaplib.IMAP4]


class ImapError(Exception):
    """The server refused a command."""


class LeaseLostError(Exception):
    """Another poller took the mailbox over (this round ran past its lease)."""


@dataclass
class RoundReport:
    mailbox: str
    counts: Counter[str] = field(default_factory=Counter)
    error: str = ""
    skipped: bool = False

    def line(self) -> str:
        if self.skipped:
            return f"{self.mailbox}: skipped (another poller has it, or it is backing off)"
        done = ", ".join(f"{n} {outcome}" for outcome, n in sorted(self.counts.items()))
        text = f"{self.mailbox}: {sum(self.counts.values())} fetched" + (
            f" ({done})" if done else ""
        )
        return text + (f"; failed: {self.error}" if self.error else "")


def open_connection(
    mailbox: Mailbox, ssl_context: ssl.SSLContext | None = None, timeout: float = TIMEOUT_SECONDS
) -> imaplib.IMAP4:
    """An IMAP connection to the mailbox's server, encrypted as the mailbox says, not yet
    logged in."""
    context = ssl_context or ssl.create_default_context()
    if mailbox.tls == TlsMode.IMAPS:
        return imaplib.IMAP4_SSL(mailbox.host, mailbox.port, ssl_context=context, timeout=timeout)
    if mailbox.tls == TlsMode.PLAIN and mailbox.host not in LOCAL_HOSTS:
        raise ImapError("no encryption is allowed only for a server on this machine")
    imap = imaplib.IMAP4(mailbox.host, mailbox.port, timeout=timeout)
    if mailbox.tls == TlsMode.STARTTLS:
        imap.starttls(context)
    return imap


def connect(mailbox: Mailbox, ssl_context: ssl.SSLContext | None = None) -> imaplib.IMAP4:
    """An IMAP connection to the mailbox, logged in."""
    imap = open_connection(mailbox, ssl_context)
    imap.login(mailbox.username, mailbox.secret())
    return imap


def quoted_folder(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ok(response: tuple[str, list]) -> list:
    typ, data = response
    if typ != "OK":
        raise ImapError(b" ".join(d for d in data if isinstance(d, bytes)).decode(errors="replace"))
    return data


def _select(imap: imaplib.IMAP4, folder: str) -> int:
    _ok(imap.select(quoted_folder(folder)))
    _, values = imap.response("UIDVALIDITY")
    if not values or values[0] is None:
        raise ImapError(f"{folder}: the server gave no UIDVALIDITY")
    return int(values[0])


def _new_uids(imap: imaplib.IMAP4, last_uid: int) -> list[int]:
    data = _ok(imap.uid("SEARCH", f"UID {last_uid + 1}:*"))
    uids = sorted(int(uid) for uid in (data[0] or b"").split())
    return [uid for uid in uids if uid > last_uid][:MAX_PER_ROUND]  # "n:*" can match below n


def _fetch(imap: imaplib.IMAP4, uid: int) -> bytes | None:
    """The message's raw bytes without setting \\Seen; None if it vanished meanwhile."""
    data = _ok(imap.uid("FETCH", str(uid), "(BODY.PEEK[])"))
    parts = [part[1] for part in data if isinstance(part, tuple)]
    return parts[0] if parts else None


def _after_storing(imap: imaplib.IMAP4, mailbox: Mailbox, uid: int, caps: set[str]) -> None:
    if mailbox.after_storing == AfterStoring.MARK_SEEN:
        _ok(imap.uid("STORE", str(uid), "+FLAGS.SILENT", "(\\Seen)"))
        return
    if mailbox.after_storing == AfterStoring.MOVE and "MOVE" in caps:
        _ok(imap.uid("MOVE", str(uid), quoted_folder(mailbox.move_to)))
        return
    if mailbox.after_storing == AfterStoring.MOVE:
        _ok(imap.uid("COPY", str(uid), quoted_folder(mailbox.move_to)))
    _ok(imap.uid("STORE", str(uid), "+FLAGS.SILENT", "(\\Seen \\Deleted)"))
    _ok(imap.uid("EXPUNGE", str(uid)) if "UIDPLUS" in caps else imap.expunge())


def source_of(mailbox: Mailbox, uidvalidity: int, uid: int) -> str:
    """An IMAP URL (RFC 5092) of the message, without the password."""
    user = quote(mailbox.username, safe="")
    folder = quote(mailbox.folder, safe="")
    return (
        f"imap://{user}@{mailbox.host}:{mailbox.port}/{folder};UIDVALIDITY={uidvalidity}/;UID={uid}"
    )


def _read(imap: imaplib.IMAP4, mailbox: Mailbox, token: str, ingest: Ingest, report: RoundReport):
    caps = set(_ok(imap.capability())[0].decode().upper().split())  # as logged in
    uidvalidity = _select(imap, mailbox.folder)
    last_uid = mailbox.last_uid if mailbox.uidvalidity == uidvalidity else 0
    if mailbox.uidvalidity != uidvalidity:
        mailbox_advance(mailbox, token, uidvalidity=uidvalidity, last_uid=0)
    for uid in _new_uids(imap, last_uid):
        raw = _fetch(imap, uid)
        if raw is not None:
            result = _ingest_one(mailbox, uid, raw, source_of(mailbox, uidvalidity, uid), ingest)
            report.counts[result.outcome] += 1
            if result.outcome == "quarantined":
                log.warning("mailbox %s: UID %s quarantined (%s)", mailbox.name, uid, result.reason)
            _after_storing(imap, mailbox, uid, caps)
        if not mailbox_advance(mailbox, token, uidvalidity=uidvalidity, last_uid=uid):
            raise LeaseLostError("another poller took this mailbox over")


def _ingest_one(
    mailbox: Mailbox, uid: int, raw: bytes, source: str, ingest: Ingest
) -> IngestResult:
    """Ingest one message; one that keeps failing is kept raw and quarantined instead of
    holding up the mailbox (the round fails, and the message is fetched again, until
    then)."""
    try:
        return ingest(raw, source=source)
    except Exception as exc:
        rounds = mailbox_failed_on(mailbox, uid)
        if rounds < GIVE_UP_AFTER:
            raise
        why = f"could not be stored in {rounds} rounds in a row: {type(exc).__name__}: {exc}"
        return ingest_raw_only(raw, source, why)


def poll_mailbox(
    mailbox: Mailbox, *, ingest: Ingest = ingest_mail, connect: Connect = connect, force=False
) -> RoundReport:
    """One round for one mailbox; errors end up on the mailbox, never raised."""
    report = RoundReport(mailbox.name)
    token = mailbox_claim(mailbox, timezone.now(), force=force)
    if token is None:
        report.skipped = True
        return report
    mailbox.refresh_from_db()
    try:
        imap = connect(mailbox)
        try:
            _read(imap, mailbox, token, ingest, report)
        finally:
            _logout(imap)
    except Exception as exc:  # one bad mailbox must not stop the others
        log.warning("mailbox %s: %s", mailbox.name, exc, exc_info=True)
        report.error = f"{type(exc).__name__}: {exc}"
    mailbox_release(mailbox, token, error=report.error)
    return report


def _logout(imap: imaplib.IMAP4) -> None:
    try:
        imap.logout()
    except (imaplib.IMAP4.error, OSError):
        log.debug("logout failed", exc_info=True)


def poll_mailboxes(
    *,
    name: str | None = None,
    ingest: Ingest = ingest_mail,
    connect: Connect = connect,
    force=False,
) -> list[RoundReport]:
    """One round over every enabled mailbox (or the one named)."""
    mailboxes = Mailbox.objects.filter(enabled=True)
    if name is not None:
        mailboxes = Mailbox.objects.filter(name=name)
    return [
        poll_mailbox(mailbox, ingest=ingest, connect=connect, force=force) for mailbox in mailboxes
    ]
