"""Writes of the help widget: keys, the token exchange, requests from the widget. No
service commits: the view, API handler or task that calls it owns the transaction."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Role
from charterdesk.customers.domains import domain_of
from charterdesk.customers.models import Contact, Organization
from charterdesk.customers.selectors import domain_names, organization_by_verified_domain

from . import crypto
from .models import UsedToken, WidgetKey, WidgetSession
from .origins import checked_origins, origin_allowed
from .tokens import LEEWAY, Claims, TokenRefusedError, claims_of

SESSION_LIFETIME = timedelta(hours=2)
SESSION_PREFIX = "wgs_"


@dataclass(frozen=True)
class NewKey:
    key: WidgetKey
    secret: str  # shown once


def widget_key_create(
    *,
    name: str,
    allowed_origins: list[str],
    created_by: User | None,
    create_contacts: bool = False,
    anonymous_requests: bool = False,
) -> NewKey:
    """A new signing key (the API, the settings page, the demo data). ValidationError with
    every field's messages at once."""
    errors: dict[str, list[str]] = {}
    name = name.strip()
    if not name or len(name) > 100:
        errors["name"] = ["Name the key (at most 100 characters), e.g. “Production app”."]
    try:
        origins = checked_origins(allowed_origins)
    except ValidationError as exc:
        errors["allowed_origins"] = exc.messages
    if errors:
        raise ValidationError(errors)
    secret = crypto.new_secret()
    key = WidgetKey.objects.create(
        name=name,
        secret_encrypted=crypto.encrypt(secret),
        allowed_origins=origins,
        created_by=created_by,
        create_contacts=create_contacts,
        anonymous_requests=anonymous_requests,
    )
    return NewKey(key, secret)


def widget_key_revoke(*, key: WidgetKey, at: datetime | None = None) -> bool:
    """Revoke the key: its tokens are refused and its sessions end now. False when it was
    revoked already."""
    if key.revoked_at is not None:
        return False
    key.revoked_at = at or timezone.now()
    key.save(update_fields=["revoked_at"])
    WidgetSession.objects.filter(key=key).delete()
    return True


@dataclass(frozen=True)
class NewSession:
    session: WidgetSession
    token: str  # the bearer token the iframe keeps in memory


def _org_matches(organization: Organization | None, hint: str) -> bool:
    if not hint:
        return True
    if organization is None:
        return False
    hint = hint.lower()
    return hint == organization.name.lower() or hint in domain_names(organization)


def _new_contact(claims: Claims) -> Contact:
    if not claims.key.create_contacts:
        raise TokenRefusedError(
            "No contact has this address, and this key does not create contacts."
        )
    organization = organization_by_verified_domain(domain_of(claims.email))
    if organization is None:
        raise TokenRefusedError("No contact has this address, and its domain is not verified.")
    if not _org_matches(organization, claims.org):
        raise TokenRefusedError("The org claim does not match the organization of the address.")
    if User.objects.filter(email=claims.email).exists():
        raise TokenRefusedError("This address belongs to an account that is not a contact.")
    return Contact.objects.create(email=claims.email, name=claims.name, organization=organization)


def _contact_of(claims: Claims) -> Contact:
    """The contact the token names, matched by address within its organization; created
    only under the key's setting and only at a verified domain of the organization."""
    contact = (
        Contact.objects.select_related("organization", "user")
        .prefetch_related("organization__domains")
        .filter(email=claims.email)
        .first()
    )
    if contact is None:
        contact = _new_contact(claims)
    if not contact.is_active:
        raise TokenRefusedError("This contact was deactivated.")
    if not _org_matches(contact.organization, claims.org):
        raise TokenRefusedError("The org claim does not match the contact's organization.")
    return contact


def _user_of(contact: Contact, claims: Claims) -> User:
    """The contact's user (the widget reads through the same selectors as the portal); a
    contact without one gets a user that cannot sign in with a password."""
    user = contact.user
    if user is None:
        if User.objects.filter(email=contact.email).exists():
            raise TokenRefusedError("This address belongs to an account that is not a contact.")
        user = User.objects.create_user(
            contact.email, None, name=claims.name or contact.name, role=Role.CUSTOMER
        )
        contact.user = user
        contact.save(update_fields=["user"])
    if user.role != Role.CUSTOMER or not user.is_active:
        raise TokenRefusedError("The widget is for customers' contacts with an active account.")
    return user


def _claim_once(claims: Claims) -> None:
    try:
        with transaction.atomic():  # a savepoint: the loser's insert fails alone
            UsedToken.objects.create(
                key=claims.key, jti=claims.jti, expires_at=claims.expires_at + LEEWAY
            )
    except IntegrityError as exc:
        raise TokenRefusedError("This token was used already; sign a new one (new jti).") from exc


def session_exchange(*, token: str, origin: str | None, now: datetime | None = None) -> NewSession:
    """POST /widget/api/session: the vendor's token for a session limited to its contact.
    TokenRefusedError with the reason for anything amiss (the caller answers 401)."""
    claims = claims_of(token)
    if not origin_allowed(origin, claims.key.allowed_origins):
        raise TokenRefusedError(f"The origin {origin or '(none)'} is not allowed for this key.")
    contact = _contact_of(claims)
    user = _user_of(contact, claims)
    _claim_once(claims)
    bearer = SESSION_PREFIX + secrets.token_urlsafe(32)
    session = WidgetSession.objects.create(
        key=claims.key,
        contact=contact,
        token_hash=crypto.token_hash(bearer),
        expires_at=(now or timezone.now()) + SESSION_LIFETIME,
    )
    session.contact.user = user
    return NewSession(session, bearer)
