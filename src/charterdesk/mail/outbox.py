"""Outgoing mail. Every mail CharterDesk sends goes through `mail_queue`.

A template name `x/mail/y` means up to three files: `x/mail/y.subject.txt` (one line),
`x/mail/y.txt` (the text part) and optionally `x/mail/y.html` (the HTML part).
`mail_queue` writes a row to the outbox in the caller's transaction (a transactional
outbox): nothing is sent for a rolled-back change, and nothing committed is forgotten.
The worker sends it after the commit (see sending.py).
"""

from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from email.utils import make_msgid
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from charterdesk.accounts.models import STAFF_ROLES, User
from charterdesk.customers.models import Contact, OptionalMail
from charterdesk.tickets.models import EventKind, Ticket
from charterdesk.tickets.services.history import record

from .addresses import address_problem
from .models import Delivery, Direction, MailKind, MailReference, OutboundMail
from .tasks import send_outbound_mail, send_outbound_mails
from .tokens import reply_address, support_parts

THREAD_DEPTH = 20  # References kept on a mail: enough for every client to thread
# Automatic answers to inbound mail: the only mail the hourly loop limit holds back.
LOOP_PROTECTED = (MailKind.ACKNOWLEDGEMENT,)


def mail_queue(
    *,
    to: str | Sequence[str],
    template: str,
    context: dict[str, Any],
    ticket: Ticket | None = None,
    automatic: bool = True,
    kind: MailKind | None = None,
    thread: Sequence[str] | None = None,
    optional: OptionalMail | None = None,
    remember: Sequence[str] = (),
) -> OutboundMail | None:
    """Queue one mail to the given addresses, rendered from `template` with `context`.

    `ticket` threads the mail on the ticket (In-Reply-To, References, the signed Reply-To
    address, the [#id] subject tag); `automatic` marks mail no person wrote
    (Auto-Submitted), which is never sent to a bouncing address; an automatic answer to
    an inbound mail (kind ACKNOWLEDGEMENT) goes at most MAIL_AUTOMATIC_PER_HOUR times an
    hour to one address, against mail loops. `thread`: the ticket's Message-IDs so far,
    oldest first, when the caller has them (a ticket just opened by a mail), instead of
    reading them back. `optional`: a mail the (first) recipient may turn off in their
    profile; when they did, it is not sent. `remember`: Message-IDs of mail received on
    `ticket` to keep as its thread (a new request's own), written in the same INSERT as
    the queued mail's reference, before it.

    Nothing is held without a trace: a mail not sent (an address that cannot be one, a
    bouncing address, the loop limit) is an outbox row with the reason, listed on the
    outbox page to be released, and a line in its ticket's history; a mail the recipient
    turned off is such a row too (OPTED_OUT: never released, not a problem to list). No
    addresses at all: no mail (None)."""
    addresses = [to] if isinstance(to, str) else list(to)
    recipients = [address.strip() for address in addresses if address and address.strip()]
    received = [
        MailReference(message_id=message_id, ticket=ticket, direction=Direction.IN)
        for message_id in remember
        if ticket is not None
    ]
    if not recipients:
        MailReference.objects.bulk_create(received)
        return None
    kind = kind or (MailKind.NOTIFICATION if automatic else MailKind.REPLY)
    context = {"site_url": settings.SITE_URL, "ticket": ticket, **context}
    subject = " ".join(render_text(f"{template}.subject.txt", context).split())
    if ticket is not None and f"[#{ticket.pk}]" not in subject:
        subject = f"[#{ticket.pk}] {subject}"
    html = _render_optional(f"{template}.html", context)
    mail = OutboundMail(
        ticket=ticket,
        kind=kind,
        automatic=automatic,
        recipient=recipients[0].lower(),
        to=recipients,
        subject=subject[:500],
        text=render_text(f"{template}.txt", context),
        html=html or "",
        message_id=make_msgid(domain=support_parts()[1]).strip("<>"),
        headers=_headers(
            ticket, kind, automatic, staff_only=_staff_only(recipients, ticket), thread=thread
        ),
    )
    _hold_back_if_needed(mail, optional)
    batch = _batch.get()
    if batch is not None and mail.kind not in LOOP_PROTECTED:  # the limit counts saved rows
        batch.add(mail)
    else:
        mail.save()
    if ticket is not None:
        reference = MailReference(
            message_id=mail.message_id, ticket=ticket, direction=Direction.OUT
        )
        if batch is not None and mail.pk is None:
            batch.references.extend([*received, reference])
        elif received:
            MailReference.objects.bulk_create([*received, reference])
        else:
            reference.save(force_insert=True)
        prefetched = getattr(ticket, _THREAD, None)
        if prefetched is not None:
            prefetched.append(mail.message_id)
        if mail.state in (Delivery.SUPPRESSED, Delivery.OPTED_OUT):
            note = f"Mail to {', '.join(recipients)} not sent: {mail.last_error}"
            record(ticket, None, EventKind.MAIL, new="held", note=note[:500], internal=True)
    if mail.state == Delivery.QUEUED and mail.pk is not None:
        _send_on_commit(mail.pk)
    return mail


class OutboxBatch:
    """Mail queued in a bulk action, written per chunk: the outbox rows in one INSERT, their
    references in another, and one task (on commit) that sends the chunk's queued mail."""

    def __init__(self) -> None:
        self.mails: list[OutboundMail] = []
        self.references: list[MailReference] = []

    def add(self, mail: OutboundMail) -> None:
        self.mails.append(mail)

    @contextmanager
    def ticket_unit(self) -> Iterator[None]:
        """Drop the mail queued in the block if it raises (a refused ticket)."""
        mails, references = len(self.mails), len(self.references)
        try:
            yield
        except BaseException:
            del self.mails[mails:], self.references[references:]
            raise

    def flush(self) -> None:
        saved = OutboundMail.objects.bulk_create(self.mails)
        MailReference.objects.bulk_create(self.references)
        queued = [mail.pk for mail in saved if mail.state == Delivery.QUEUED]
        if queued:
            transaction.on_commit(lambda: send_outbound_mails.enqueue(queued))
        self.mails, self.references = [], []


_batch: ContextVar[OutboxBatch | None] = ContextVar("outbox_batch", default=None)


@contextmanager
def outbox_in_batch() -> Iterator[OutboxBatch]:
    """Mail queued in the block (`mail_queue`, except the loop-limited automatic answers)
    is written when the block ends, not when it raises (the caller's transaction rolls
    back). `mail_queue` returns such a mail without its id."""
    batch = OutboxBatch()
    token = _batch.set(batch)
    try:
        yield batch
    finally:
        _batch.reset(token)
    batch.flush()


def threads_prefetch(tickets: Sequence[Ticket]) -> None:
    """The Message-IDs of many tickets in one query (a bulk action that mails each): each
    ticket keeps its thread, `mail_queue` threads on it and adds what it queues."""
    threads: dict[int, list[str]] = defaultdict(list)
    references = MailReference.objects.filter(ticket__in=[t.pk for t in tickets]).order_by("id")
    for ticket_id, message_id in references.values_list("ticket_id", "message_id"):
        threads[ticket_id].append(message_id)
    for ticket in tickets:
        setattr(ticket, _THREAD, threads[ticket.pk])


_THREAD = "_mail_thread"  # a ticket's prefetched Message-IDs, oldest first


def render_text(name: str, context: dict[str, Any]) -> str:
    """A plain-text template without HTML escaping: "Don't" stays "Don't", never
    "Don&#x27;t" (the text part is not HTML; the HTML part is escaped as usual)."""
    return get_template(name).template.render(Context(context, autoescape=False))  # type: ignore[attr-defined]


def _render_optional(name: str, context: dict[str, Any]) -> str | None:
    try:
        return render_to_string(name, context)
    except TemplateDoesNotExist:
        return None


def _staff_only(recipients: list[str], ticket: Ticket | None) -> bool:
    """Every recipient is an agent: the mail carries the agents' reply address."""
    if ticket is None:
        return False
    addresses = {address.lower() for address in recipients}
    requester = ticket.requester if Ticket.requester.is_cached(ticket) else None
    if requester is not None and requester.email.lower() in addresses:
        return False  # mail to the customer: no need to ask the database
    staff = User.objects.filter(email__in=addresses, role__in=STAFF_ROLES).count()
    return staff == len(addresses)


def _headers(
    ticket: Ticket | None,
    kind: str,
    automatic: bool,
    *,
    staff_only: bool = False,
    thread: Sequence[str] | None = None,
) -> dict[str, str]:
    headers: dict[str, str] = {}
    if automatic:
        replied = kind == MailKind.ACKNOWLEDGEMENT
        headers["Auto-Submitted"] = "auto-replied" if replied else "auto-generated"
        headers["X-Auto-Response-Suppress"] = "All"
    if ticket is not None:
        headers["Reply-To"] = reply_address(ticket.pk, staff=staff_only)
        if thread is None:
            thread = getattr(ticket, _THREAD, None)
        if thread is None:
            latest = MailReference.objects.filter(ticket=ticket).order_by("-id")
            thread = list(latest.values_list("message_id", flat=True)[:THREAD_DEPTH])[::-1]
        thread = thread[-THREAD_DEPTH:]
        if thread:
            headers["In-Reply-To"] = f"<{thread[-1]}>"
            headers["References"] = " ".join(f"<{m}>" for m in thread)
    return headers


def _hold_back_if_needed(mail: OutboundMail, optional: OptionalMail | None) -> None:
    """No mail to what cannot be an address (an IP literal, a header injection); no
    optional mail to a contact who turned it off; automatic mail never to a bouncing
    address; automatic answers to inbound mail not more than the hourly limit to one
    address (two auto-responders must not mail each other forever). Survey invitations,
    statements, promise notices and the like are not answers: the limit does not hold
    them."""
    problems = [problem for problem in map(address_problem, mail.to) if problem]
    if problems:
        mail.state, mail.last_error = Delivery.SUPPRESSED, "; ".join(problems)[:500]
        return
    if optional is not None and _turned_off(mail.recipient, optional):
        mail.state = Delivery.OPTED_OUT
        mail.last_error = f"the recipient turned off {optional.label.lower()} in their profile"
        return
    if not mail.automatic:
        return
    if mail.kind not in LOOP_PROTECTED:
        if Contact.objects.filter(email=mail.recipient, bouncing_since__isnull=False).exists():
            mail.state, mail.last_error = Delivery.SUPPRESSED, "the address is bouncing"
        return
    bouncing, recent = _bouncing_and_recent(mail.recipient)
    if bouncing:
        mail.state, mail.last_error = Delivery.SUPPRESSED, "the address is bouncing"
        return
    if recent >= settings.MAIL_AUTOMATIC_PER_HOUR:
        mail.state = Delivery.SUPPRESSED
        mail.last_error = (
            f"more than {settings.MAIL_AUTOMATIC_PER_HOUR} automatic answers in an hour to "
            "this address (a possible mail loop)"
        )


_CONTACTS, _OUTBOX = Contact._meta.db_table, OutboundMail._meta.db_table
# An automatic answer's two checks in one statement, written out (the ORM spent more CPU
# building the two than the database running them): is the address bouncing, and how
# many automatic answers went to it in the last hour (those held back not counted).
_KINDS = ", ".join(["%s"] * len(LOOP_PROTECTED))
_BOUNCING_AND_RECENT = (
    f"SELECT EXISTS (SELECT 1 FROM {_CONTACTS} WHERE email = %s"  # noqa: S608 - constants
    " AND bouncing_since IS NOT NULL),"
    f" (SELECT COUNT(*) FROM {_OUTBOX} WHERE recipient = %s AND kind IN ({_KINDS})"
    " AND created_at >= %s AND state NOT IN (%s, %s))"
)


def _bouncing_and_recent(recipient: str) -> tuple[bool, int]:
    since = connection.ops.adapt_datetimefield_value(timezone.now() - timedelta(hours=1))
    params = [recipient, recipient, *LOOP_PROTECTED, since, Delivery.SUPPRESSED, Delivery.OPTED_OUT]
    with connection.cursor() as cursor:
        cursor.execute(_BOUNCING_AND_RECENT, [str(p) if isinstance(p, str) else p for p in params])
        bouncing, recent = cursor.fetchone()
    return bool(bouncing), int(recent)


def _turned_off(address: str, optional: OptionalMail) -> bool:
    return Contact.objects.filter(email=address, **{optional.value: False}).exists()


def _enqueue(mail_id: int) -> None:
    send_outbound_mail.enqueue(mail_id)


_sends: ContextVar[list[int] | None] = ContextVar("outbox_sends", default=None)


def _send_on_commit(mail_id: int) -> None:
    sends = _sends.get()
    if sends is None:
        transaction.on_commit(lambda: _enqueue(mail_id))
    else:  # a savepoint rolled back takes this callback, so the mail is not listed
        transaction.on_commit(lambda: sends.append(mail_id))


@contextmanager
def sends_coalesced() -> Iterator[None]:
    """Mail queued one by one in the block (many inbound messages in one transaction,
    each acknowledged) is sent by one task enqueued on commit, instead of one task each.
    Use it inside the transaction; a block that raises enqueues nothing."""
    sends: list[int] = []
    token = _sends.set(sends)
    try:
        yield
    finally:
        _sends.reset(token)
    # Registered last, so it runs after every mail's own callback has listed it.
    transaction.on_commit(lambda: sends and send_outbound_mails.enqueue(list(sends)))
