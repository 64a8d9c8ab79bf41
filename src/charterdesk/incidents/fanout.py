"""Customer notices to an incident's stored audience, streamed.

The notice is rendered once; the audience is read in keyset batches of BATCH rows and
each batch becomes one bulk insert into the mail outbox, so memory stays flat whatever
the audience's size. Each batch's mails are handed to one delivery task on commit; the
outbox sweep sends whatever a lost task left behind."""

from datetime import datetime
from email.utils import make_msgid

from django.db import transaction

from charterdesk.mail.addresses import address_problem
from charterdesk.mail.models import Delivery, MailKind, OutboundMail
from charterdesk.mail.tokens import support_parts

from .delivery import deliver_notices
from .models import AudienceContact, Incident

BATCH = 2000
HEADERS = {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}


def notices_send(incident: Incident, subject: str, text: str, now: datetime) -> int:
    """Queue one mail per audience contact. Returns how many were queued."""
    domain = support_parts()[1]
    rows = AudienceContact.objects.filter(incident=incident).order_by("pk")
    last, queued = 0, 0
    while True:
        batch = list(
            rows.filter(pk__gt=last).values_list("pk", "email", "contact__bouncing_since")[:BATCH]
        )
        if not batch:
            return queued
        last = batch[-1][0]
        mails = OutboundMail.objects.bulk_create(
            [_mail(email, bouncing, subject, text, domain, now) for _, email, bouncing in batch],
            batch_size=BATCH,
        )
        ids = [mail.pk for mail in mails if mail.state == Delivery.QUEUED]
        queued += len(ids)
        if ids:
            transaction.on_commit(lambda ids=ids: _deliver(ids))  # type: ignore[misc]


def _mail(
    email: str, bouncing: datetime | None, subject: str, text: str, domain: str, now: datetime
) -> OutboundMail:
    mail = OutboundMail(
        kind=MailKind.NOTIFICATION,
        automatic=True,
        recipient=email.lower(),
        to=[email],
        subject=subject,
        text=text,
        message_id=make_msgid(domain=domain).strip("<>"),
        headers=HEADERS,
        created_at=now,
        next_attempt_at=now,
    )
    problem = address_problem(email)
    if problem:
        mail.state, mail.last_error = Delivery.SUPPRESSED, problem[:500]
    elif bouncing is not None:
        mail.state, mail.last_error = Delivery.SUPPRESSED, "the address is bouncing"
    return mail


def _deliver(ids: list[int]) -> None:
    deliver_notices.enqueue(ids)
