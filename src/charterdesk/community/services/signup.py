"""Public sign-up (when the operator allows it: COMMUNITY_PUBLIC_SIGNUP): a visitor gives
an address and a name, gets a signed link through the outbox, and sets a password on it.
The account is a member without an organization: it reads the categories open to every
signed-in member, and its first posts wait for a moderator (premoderation)."""

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from charterdesk.accounts.models import User
from charterdesk.mail.outbox import mail_queue

SALT = "community.signup"
MAX_AGE = 2 * 24 * 3600  # the link works for two days


def signup_request(*, email: str, name: str) -> None:
    """Mail the verification link; an address that already has an account gets nothing
    (and the visitor is not told, so addresses cannot be probed)."""
    if not settings.COMMUNITY_PUBLIC_SIGNUP:
        raise PermissionDenied("Sign-up is closed: ask us for an invitation.")
    email = User.normalize_username(email)
    if User.objects.filter(email=email).exists():
        return
    token = signing.dumps({"email": email, "name": name.strip()[:200]}, salt=SALT)
    mail_queue(
        to=email,
        template="community/mail/signup",
        context={"name": name, "url": reverse("community:signup_confirm", args=[token])},
    )


def signup_pending(token: str) -> dict[str, str] | None:
    """The address and name a link was made for, None when forged or expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) and "email" in data else None


def signup_confirm(*, token: str, password: str) -> User:
    """Make the account (the address is verified: the link reached it)."""
    data = signup_pending(token)
    if data is None:
        raise ValidationError("This link is not valid any more: sign up again.")
    if User.objects.filter(email=data["email"]).exists():
        raise ValidationError("This address has an account already: sign in.")
    user = User(email=data["email"], name=data.get("name", ""))
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.save()
    return user
