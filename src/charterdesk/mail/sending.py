"""The worker's side of the outbox. A row is claimed with a conditional UPDATE, so any
number of workers can send; a row is sent at most once: a worker that dies while sending
leaves the row `uncertain` for a person to resend, never a silent duplicate."""

import smtplib
from datetime import datetime, timedelta
from email.utils import formataddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.customers.models import Contact
from charterdesk.tickets.models import EventKind
from charterdesk.tickets.services.history import record

from .addresses import address_problem
from .models import Delivery, OutboundMail

LEASE = timedelta(minutes=5)
BACKOFF_MINUTES = (1, 5, 15, 60, 240, 720)  # then the mail has failed


def outbound_send(mail_id: int, now: datetime | None = None) -> str:
    """Send one queued mail if it is due and no other worker took it. Returns its state."""
    now = now or timezone.now()
    claimed = OutboundMail.objects.filter(
        pk=mail_id, state__in=(Delivery.QUEUED, Delivery.RETRYING), next_attempt_at__lte=now
    ).update(state=Delivery.SENDING, lease_until=now + LEASE, attempts=F("attempts") + 1)
    mail = OutboundMail.objects.get(pk=mail_id)
    if not claimed:
        return mail.state
    try:
        _message(mail).send()
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        detail = "; ".join(f"{a}: {c} {_text(m)}" for a, (c, m) in exc.recipients.items())
        _failed(mail, now, detail, permanent=all(code >= 500 for code in codes))
    except smtplib.SMTPResponseException as exc:
        text = f"{exc.smtp_code} {_text(exc.smtp_error)}"
        _failed(mail, now, text, permanent=exc.smtp_code >= 500)
    except (smtplib.SMTPException, OSError) as exc:
        _failed(mail, now, f"{type(exc).__name__}: {exc}", permanent=False)
    else:
        OutboundMail.objects.filter(pk=mail.pk, state=Delivery.SENDING).update(
            state=Delivery.SENT, sent_at=timezone.now(), lease_until=None, last_error=""
        )
    return OutboundMail.objects.values_list("state", flat=True).get(pk=mail.pk)


def _message(mail: OutboundMail) -> EmailMultiAlternatives:
    headers = {"Message-ID": f"<{mail.message_id}>", **mail.headers}
    reply_to = headers.pop("Reply-To", None)
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.text,
        from_email=formataddr((settings.MAIL_FROM_NAME, settings.MAIL_SUPPORT_ADDRESS)),
        to=mail.to,
        reply_to=[reply_to] if reply_to else None,
        headers=headers,
        connection=get_connection(fail_silently=False),
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    return message


def _failed(mail: OutboundMail, now: datetime, error: str, *, permanent: bool) -> None:
    attempts = mail.attempts  # already counts this attempt (read after the claim)
    if permanent or attempts > len(BACKOFF_MINUTES):
        state, when = Delivery.FAILED, now
        if permanent:
            mark_bouncing(mail.to, error, now)
    else:
        state, when = Delivery.RETRYING, now + timedelta(minutes=BACKOFF_MINUTES[attempts - 1])
    OutboundMail.objects.filter(pk=mail.pk, state=Delivery.SENDING).update(
        state=state, next_attempt_at=when, lease_until=None, last_error=error[:500]
    )


def mark_bouncing(addresses: list[str], reason: str, now: datetime) -> int:
    """Addresses mail cannot be delivered to: no automatic mail goes there any more."""
    return Contact.objects.filter(
        email__in=[a.lower() for a in addresses], bouncing_since__isnull=True
    ).update(bouncing_since=now, bounce_reason=reason[:500])


RESENDABLE = (Delivery.FAILED, Delivery.UNCERTAIN, Delivery.BOUNCED, Delivery.SUPPRESSED)


def outbound_resend(mail: OutboundMail, actor: User | None = None) -> bool:
    """A person decided to send a failed, uncertain or held-back mail (after a bounce,
    the loop limit) again, with the same Message-ID, so a client that got the first one
    shows it once. Refused (ValidationError) for an address that cannot be one. Whether
    the mail was queued again (False: it was no longer failed or held)."""
    problems = [problem for problem in map(address_problem, mail.to) if problem]
    if problems:
        raise ValidationError("Not sent again: " + "; ".join(problems))
    queued = OutboundMail.objects.filter(pk=mail.pk, state__in=RESENDABLE).update(
        state=Delivery.QUEUED, next_attempt_at=timezone.now(), last_error=""
    )
    if queued and mail.ticket is not None:
        who = (actor.name or actor.email) if actor is not None else "someone"
        note = f"Mail to {', '.join(mail.to)} ({mail.get_state_display()}) sent again by {who}"
        record(mail.ticket, actor, EventKind.MAIL, new="resent", note=note, internal=True)
    return bool(queued)


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else reply
