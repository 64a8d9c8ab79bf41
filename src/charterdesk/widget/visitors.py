"""Requests from visitors without a token, where the key allows them: kept as pending,
confirmed by a link mailed to the address given (through the outbox), and only then a
ticket, opened through the same intake as any request, with the files sent along. The
widget that sent it holds a *visitor pass* (the same for all its requests; only its hash
is kept): once confirmed, the pass reads that request's public thread and replies to it.
The caller owns the transaction."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils import timezone

from charterdesk.accounts.roles import STAFF_ROLES
from charterdesk.core.vocabulary import Channel
from charterdesk.customers.domains import domain_of
from charterdesk.customers.models import Contact
from charterdesk.customers.selectors import organization_by_verified_domain
from charterdesk.intake.services import ticket_create
from charterdesk.mail.outbox import mail_queue
from charterdesk.mailboxes.uploads import KeptFile, attachments_of_kept, files_keep
from charterdesk.tickets.models import Ticket

from . import crypto
from .models import PendingFile, PendingRequest, WidgetKey

CONFIRM_WITHIN = timedelta(hours=24)
PER_ADDRESS_PER_HOUR = 3  # unconfirmed requests one address may have waiting
VISITOR_MAX_FILES = 3  # files on one visitor's request or reply (a contact may send 10)
PASS_PREFIX = "wgv_"  # noqa: S105 - a prefix, not a secret


@dataclass(frozen=True)
class Submitted:
    pending: PendingRequest
    visitor_pass: str  # the widget keeps it (localStorage) to follow its requests


def _pass_for(key: WidgetKey, visitor_pass: str) -> str:
    """The pass the widget already holds when it is one of this key's, else a new one."""
    if visitor_pass.startswith(PASS_PREFIX) and len(visitor_pass) <= 100:
        known = PendingRequest.objects.filter(key=key, visitor_hash=crypto.token_hash(visitor_pass))
        if known.exists():
            return visitor_pass
    return PASS_PREFIX + secrets.token_urlsafe(32)


def visitor_request_submit(
    *,
    key: WidgetKey,
    email: str,
    name: str,
    subject: str,
    body: str,
    request_type: str,
    files: list[UploadedFile] | None = None,
    visitor_pass: str = "",
) -> Submitted:
    """Keep the request and its files and mail the confirmation link; ValidationError
    where the key does not take visitors' requests or the address has too many waiting.
    The files were checked by the form (`check_uploads`, VISITOR_MAX_FILES)."""
    if not key.anonymous_requests:
        raise ValidationError("This widget takes requests from signed-in customers only.")
    now = timezone.now()
    waiting = PendingRequest.objects.filter(
        email=email.strip().lower(), ticket__isnull=True, created_at__gt=now - timedelta(hours=1)
    )
    if waiting.count() >= PER_ADDRESS_PER_HOUR:
        raise ValidationError(
            {"email": ["Requests from this address wait for their confirmation; check your mail."]}
        )
    token = secrets.token_urlsafe(32)
    visitor_pass = _pass_for(key, visitor_pass)
    pending = PendingRequest.objects.create(
        key=key,
        email=email.strip().lower(),
        name=name.strip(),
        subject=subject.strip(),
        body=body,
        request_type=request_type,
        token_hash=crypto.token_hash(token),
        visitor_hash=crypto.token_hash(visitor_pass),
        expires_at=now + CONFIRM_WITHIN,
    )
    PendingFile.objects.bulk_create(
        PendingFile(
            pending=pending,
            blob=kept.blob,
            filename=kept.filename,
            content_type=kept.content_type,
            size=kept.size,
        )
        for kept in files_keep(files or [])
    )
    link = settings.SITE_URL + reverse("widget:confirm", args=[token])
    mail_queue(
        to=pending.email,
        template="widget/mail/visitor_confirm",
        context={"pending": pending, "link": link, "hours": 24},
        automatic=False,
    )
    return Submitted(pending, visitor_pass)


def pending_for(token: str, now: datetime | None = None) -> PendingRequest | None:
    """The request a confirmation link stands for, unless unknown or expired."""
    if not token or len(token) > 100:
        return None
    return PendingRequest.objects.filter(
        token_hash=crypto.token_hash(token), expires_at__gt=now or timezone.now()
    ).first()


def _requester(pending: PendingRequest) -> Contact:
    """The contact with this address, or a new one at its verified domain's organization
    (none when the domain is not verified), as mail from a new sender is taken in."""
    contact = Contact.objects.select_related("user").filter(email=pending.email).first()
    if contact is None:
        organization = organization_by_verified_domain(domain_of(pending.email))
        return Contact.objects.create(
            email=pending.email, name=pending.name[:200], organization=organization
        )
    if not contact.is_active or (contact.user and contact.user.role in STAFF_ROLES):
        raise ValidationError("This address cannot open requests from the widget.")
    return contact


def visitor_request_confirm(*, pending: PendingRequest) -> Ticket:
    """The link was opened and confirmed: the request becomes a ticket (once; a second
    confirmation returns the same ticket). Lock `pending` before calling."""
    if pending.ticket_id is not None:
        assert pending.ticket is not None  # noqa: S101 - set together
        return pending.ticket
    ticket = ticket_create(
        requester=_requester(pending),
        subject=pending.subject,
        body=pending.body,
        request_type=pending.request_type,
        channel=Channel.PORTAL,
    )
    first = ticket.messages.order_by("id").first()
    kept = [
        KeptFile(item.blob, item.filename, item.content_type, item.size)
        for item in pending.files.select_related("blob")
    ]
    if first is not None and kept:
        attachments_of_kept(first, kept)
    pending.ticket = ticket
    pending.confirmed_at = timezone.now()
    pending.save(update_fields=["ticket", "confirmed_at"])
    return ticket
