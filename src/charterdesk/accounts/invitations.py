"""Invitations: a new account for a customer contact or an agent, inactive until its
owner sets a password through a signed link that expires (INVITATION_VALID_DAYS) and
works once.

Callers own the transaction. `invitation_create` returns the link for a caller that
words its own mail (intake's "you are an authorized contact"); `invitation_send` mails
the link itself, through the outbox."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils import timezone

from .hooks import AccountMail, account_mail
from .models import Role, User
from .records import Invitation

SALT = "charterdesk.accounts.invitation"


def _max_age() -> timedelta:
    return timedelta(days=settings.INVITATION_VALID_DAYS)


def invitation_create(
    *,
    email: str,
    invited_by: User | None,
    name: str = "",
    role: str = Role.CUSTOMER,
    tier: int | None = None,
) -> tuple[User, str]:
    """An inactive account for `email` (or the one already waiting for its owner) and a
    fresh link to set its password; earlier links of that account stop working."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": "Give a valid email address."}) from exc
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, None, name=name.strip()[:200], role=role, tier=tier, is_active=False
        )
    elif user.is_active:
        raise ValidationError({"email": f"{email} already has an account."})
    elif not user.invitations.filter(accepted_at__isnull=True).exists():
        raise ValidationError(
            {"email": f"The account of {email} was closed; an administrator can reopen it."}
        )
    user.invitations.filter(accepted_at__isnull=True).delete()
    invitation = Invitation.objects.create(user=user, invited_by=invited_by)
    token = signing.dumps({"invitation": invitation.pk}, salt=SALT)
    return user, f"{settings.SITE_URL}{reverse('accounts:invitation_accept', args=[token])}"


def invitation_send(
    *,
    email: str,
    invited_by: User | None,
    name: str = "",
    role: str = Role.CUSTOMER,
    tier: int | None = None,
) -> User:
    """Create the invitation (as `invitation_create`) and mail its link."""
    user, link = invitation_create(
        email=email, invited_by=invited_by, name=name, role=role, tier=tier
    )
    context: dict[str, Any] = {
        "user": user,
        "by": invited_by,
        "link": link,
        "days": settings.INVITATION_VALID_DAYS,
    }
    account_mail.announce(
        AccountMail(to=user.email, template="accounts/mail/invitation", context=context)
    )
    return user


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation this link is for, while it is valid: signed by us, not expired,
    not used, and the newest for its account."""
    try:
        data = signing.loads(token, salt=SALT, max_age=_max_age())
    except signing.BadSignature:
        return None
    return (
        Invitation.objects.select_related("user")
        .filter(pk=data.get("invitation"), accepted_at__isnull=True, user__is_active=False)
        .first()
    )


def invitation_accept(invitation: Invitation, password: str) -> User:
    """Set the password and open the account."""
    user = invitation.user
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


def invitations_pending() -> list[Invitation]:
    """Invitations not accepted yet, newest first, with whether each link expired."""
    since = timezone.now() - _max_age()
    found = Invitation.objects.select_related("user", "invited_by")
    pending = list(found.filter(accepted_at__isnull=True)[:200])
    for invitation in pending:
        invitation.expired = invitation.created_at < since  # type: ignore[attr-defined]
    return pending
