"""How many password-reset mails one address, and one client, may ask for in an hour.

Every request is counted, for known and unknown addresses alike, and the page answers the
same whether a mail leaves or not, so the throttle tells nobody who has an account. The
counts live in the database, so they hold across every web process."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .records import PasswordResetRequest

log = logging.getLogger(__name__)
WINDOW = timedelta(hours=1)


def reset_mail_allowed(email: str, client: str) -> bool:
    """Record this request and say whether a mail may leave for it: fewer than
    PASSWORD_RESET_MAILS_PER_ADDRESS requests for the address and fewer than
    PASSWORD_RESET_MAILS_PER_CLIENT from the client within the last hour."""
    now = timezone.now()
    email = email.strip().lower()[:254]
    recent = PasswordResetRequest.objects.filter(requested_at__gte=now - WINDOW)
    PasswordResetRequest.objects.filter(requested_at__lt=now - WINDOW).delete()
    for_address = recent.filter(email=email).count()
    from_client = recent.filter(client=client).count() if client else 0
    PasswordResetRequest.objects.create(email=email, client=client, requested_at=now)
    allowed = (
        for_address < settings.PASSWORD_RESET_MAILS_PER_ADDRESS
        and from_client < settings.PASSWORD_RESET_MAILS_PER_CLIENT
    )
    if not allowed:
        log.warning(
            "password reset for %s from %s not mailed: %d for the address, %d from the client "
            "in the last hour",
            email,
            client or "an unknown client",
            for_address + 1,
            from_client + 1,
        )
    return allowed
