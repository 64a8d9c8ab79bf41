"""Requests from visitors without a token, where the key allows them: kept as pending,
confirmed by a link mailed to the address given (through the outbox), and only then a
ticket, opened through the same intake as any request. The caller owns the transaction."""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from charterdesk.accounts.roles import STAFF_ROLES
from charterdesk.core.vocabulary import Channel
from charterdesk.customers.domains import domain_of
from charterdesk.customers.models import Contact
from charterdesk.customers.selectors import organization_by_verified_domain
from charterdesk.intake.services import ticket_create
from charterdesk.mail.outbox import mail_queue
from charterdesk.tickets.models import Ticket

from . import crypto
from .models import PendingRequest, WidgetKey

CONFIRM_WITHIN = timedelta(hours=24)
PER_ADDRESS_PER_HOUR = 3  # unconfirmed requests one address may have waiting


def visitor_request_submit(
    *, key: WidgetKey, email: str, name: str, subject: str, body: str, request_type: str
) -> PendingRequest:
    """Keep the request and mail the confirmation link; ValidationError where the key
    does not take visitors' requests."""
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
    pending = PendingRequest.objects.create(
        key=key,
        email=email.strip().lower(),
        name=name.strip(),
        subject=subject.strip(),
        body=body,
        request_type=request_type,
        token_hash=crypto.token_hash(token),
        expires_at=now + CONFIRM_WITHIN,
    )
    link = settings.SITE_URL + reverse("widget:confirm", args=[token])
    mail_queue(
        to=pending.email,
        template="widget/mail/visitor_confirm",
        context={"pending": pending, "link": link, "hours": 24},
        automatic=False,
    )
    return pending


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
    pending.ticket = ticket
    pending.confirmed_at = timezone.now()
    pending.save(update_fields=["ticket", "confirmed_at"])
    return ticket
