"""Who wrote: an agent, a known contact, a new contact of a known organization (by its
verified domain), or an unknown sender handled by the MAIL_UNKNOWN_SENDERS policy."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Subquery

from charterdesk.accounts.models import STAFF_ROLES, User
from charterdesk.customers.models import Contact
from charterdesk.customers.selectors import organization_by_verified_domain


@dataclass(frozen=True)
class Sender:
    address: str
    agent: User | None = None
    contact: Contact | None = None
    new_contact: bool = False  # created for this mail
    unknown: bool = False  # neither a contact nor of a verified domain


def sender_resolve(address: str, name: str) -> Sender:
    """Find the sender; creates the contact of a known organization or, under the
    "triage" policy, of an unknown sender (never silently dropped)."""
    address = address.lower()
    agents = User.objects.filter(email=address, role__in=STAFF_ROLES, is_active=True)
    # One query for the usual case, a known contact: the contact, and whether an agent
    # has this address too (an agent always wins).
    known: Contact | None = (
        Contact.objects.select_related("organization", "user")
        .filter(email=address)
        .annotate(agent_id=Subquery(agents.values("pk")[:1]))
        .first()
    )
    agent_id = getattr(known, "agent_id", None)
    if known is None or agent_id is not None:
        agent = known.user if known and known.user_id == agent_id else agents.first()
        if agent is not None:
            return Sender(address, agent=agent)
    if known is not None:
        return Sender(address, contact=known)
    organization = organization_by_verified_domain(address.rpartition("@")[2])
    if organization is None and settings.MAIL_UNKNOWN_SENDERS == "reject":
        return Sender(address, unknown=True)
    contact = Contact.objects.create(email=address, name=name[:200], organization=organization)
    return Sender(address, contact=contact, new_contact=True, unknown=organization is None)
