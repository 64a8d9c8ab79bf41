import copy

from django.db.models import Q, QuerySet

from charterdesk.accounts.models import User
from charterdesk.core import config_cache
from charterdesk.core.querystring import parse_id

from .domains import domain_normalized
from .models import Contact, Organization, OrganizationDomain


def organization_by_name_or_id(text: str) -> Organization | None:
    """The organization a person typed: its id, or its exact name in any case."""
    number = parse_id(text)
    if number is not None:
        return Organization.objects.filter(pk=number).first()
    return Organization.objects.filter(name__iexact=text).first()


def contact_by_email(email: str) -> Contact | None:
    """The contact with this address (any case), with its organization; from the
    per-process cache of the PEOPLE generation (core.config_cache), which every write to
    contacts and organizations renews. A copy: callers may set attributes on it."""
    address = email.lower()
    found = config_cache.cached(
        ("contact-by-email", address),
        lambda: Contact.objects.select_related("organization").filter(email=address).first(),
        config_cache.PEOPLE,
    )
    return copy.copy(found)


def organizations_visible_to(user: User) -> QuerySet[Organization]:
    """Agents see every organization; a customer only their own."""
    if user.is_agent:
        return Organization.objects.all()
    contact = getattr(user, "contact", None)
    if contact is None or contact.organization_id is None:
        return Organization.objects.none()
    return Organization.objects.filter(pk=contact.organization_id)


def contacts_visible_to(user: User) -> QuerySet[Contact]:
    """Agents see every contact; a customer the contacts of their own organization."""
    contacts = Contact.objects.select_related("organization")
    if user.is_agent:
        return contacts
    contact = getattr(user, "contact", None)
    if contact is None:
        return contacts.none()
    if contact.organization_id is None:
        return contacts.filter(pk=contact.pk)
    return contacts.filter(organization_id=contact.organization_id)


def organizations_matching(text: str, limit: int = 10) -> list[Organization]:
    """Organizations whose name starts with `text` (any case), then those that contain it:
    the suggestions while an agent types a name."""
    text = text.strip()
    if not text:
        return []
    found = list(Organization.objects.filter(name__istartswith=text).order_by("name")[:limit])
    if len(found) < limit:
        more = Organization.objects.filter(name__icontains=text).exclude(
            pk__in=[o.pk for o in found]
        )
        found += list(more.order_by("name")[: limit - len(found)])
    return found


def contacts_matching(text: str, limit: int = 10) -> list[Contact]:
    """Contacts whose address or name starts with `text` (any case), for agents who look
    up a requester."""
    text = text.strip()
    if not text:
        return []
    contacts = Contact.objects.select_related("organization").filter(
        Q(email__istartswith=text) | Q(name__istartswith=text) | Q(name__icontains=f" {text}")
    )
    return list(contacts.order_by("email")[:limit])


def organization_by_verified_domain(domain: str) -> Organization | None:
    """The organization that verified this mail domain (one indexed lookup), or None;
    a domain only claimed (not verified yet) matches nobody."""
    row = (
        OrganizationDomain.objects.select_related("organization")
        .filter(domain=domain_normalized(domain), verified_at__isnull=False)
        .first()
    )
    return row.organization if row is not None else None


def domain_claimed_by_another(domain: str, organization_id: int | None) -> bool:
    """Whether an organization other than this one lists the domain, verified or not."""
    rows = OrganizationDomain.objects.filter(domain=domain_normalized(domain))
    if organization_id is not None:
        rows = rows.exclude(organization_id=organization_id)
    return rows.exists()


def domain_names(organization: Organization) -> list[str]:
    """The organization's domains in order (from the prefetch cache when there is one)."""
    return [row.domain for row in organization.domains.all()]
