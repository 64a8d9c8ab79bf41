"""What a mail domain looks like: a hostname of letters, digits and hyphens in
dot-separated labels, with a dot (acme.example). Each domain belongs to one organization
only (mail from it must point at one customer): `OrganizationDomain.domain` is unique in
the database, and its `clean()` names the organization that already has it."""

import re

from django.core.exceptions import ValidationError

_DOMAIN = re.compile(
    r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$"
)


def domain_normalized(text: str) -> str:
    """The domain as it is kept: trimmed, lower case, without a leading `@` or trailing dot."""
    return text.strip().lower().removeprefix("@").rstrip(".")


def validate_domain(text: str) -> None:
    if not _DOMAIN.match(domain_normalized(text)):
        raise ValidationError(
            f"“{text}” is not a mail domain (write it as acme.example).", code="domain"
        )


def domain_of(address: str) -> str:
    """The domain of a mail address, lower case ('' for none)."""
    return address.rpartition("@")[2].strip().lower()
