"""An organization's mail domains: valid names, each belonging to one organization only
(mail from a domain must point at one customer)."""

import re
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError

# A hostname of letters, digits and hyphens in dot-separated labels, with a dot.
_DOMAIN = re.compile(
    r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$"
)


def check_domains(domains: Any, *, organization_id: int | None) -> list[str]:
    """The domains, lower-cased; ValidationError on `domains` for a malformed domain, a
    repeated one, or one another organization already has."""
    if not isinstance(domains, list) or not all(isinstance(d, str) for d in domains):
        raise ValidationError({"domains": "List the domains, e.g. acme.example."})
    cleaned = [d.strip().lower() for d in domains]
    for domain in cleaned:
        if not _DOMAIN.match(domain):
            raise ValidationError(
                {"domains": f"“{domain}” is not a mail domain (write it as acme.example)."}
            )
    if len(set(cleaned)) != len(cleaned):
        raise ValidationError({"domains": "Each domain once, please."})
    owner = _owner_of_any(cleaned, organization_id)
    if owner is not None:
        domain, name = owner
        raise ValidationError({"domains": f"{domain} already belongs to {name}."})
    return cleaned


def _owner_of_any(domains: list[str], organization_id: int | None) -> tuple[str, str] | None:
    organization = apps.get_model("customers", "Organization")
    for domain in domains:
        others = organization.objects.filter(domains__icontains=domain)
        if organization_id is not None:
            others = others.exclude(pk=organization_id)
        for other in others.only("name", "domains"):
            if domain in [d.lower() for d in other.domains]:
                return domain, other.name
    return None
