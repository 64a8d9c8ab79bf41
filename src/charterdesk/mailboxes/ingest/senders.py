"""Who wrote: an agent, a known contact, a new contact of a known organization (by its
verified domain), or an unknown sender handled by the MAIL_UNKNOWN_SENDERS policy."""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import IntegerField
from django.db.models.expressions import RawSQL

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


def _agent_with(address: str) -> RawSQL:
    """The id of the active agent with this address, or NULL. Written out: the same
    subquery through the ORM took 0.75 ms of CPU to build, on every mail, and running it
    0.02 ms."""
    table, quote = User._meta.db_table, connection.ops.quote_name
    roles = ", ".join(["%s"] * len(STAFF_ROLES))
    sql = (
        f"SELECT {quote('id')} FROM {quote(table)} WHERE {quote('email')} = %s "  # noqa: S608 - names from the model
        f"AND {quote('is_active')} = %s AND {quote('role')} IN ({roles}) LIMIT 1"
    )
    params = [address, True, *(str(role) for role in STAFF_ROLES)]
    return RawSQL(sql, params, output_field=IntegerField())  # noqa: S611 - parameters bound


def sender_resolve(address: str, name: str) -> Sender:
    """Find the sender; creates the contact of a known organization or, under the
    "triage" policy, of an unknown sender (never silently dropped)."""
    address = address.lower()
    agents = User.objects.filter(email=address, role__in=STAFF_ROLES, is_active=True)
    # One query for the usual case, a known contact: the contact, and whether an agent
    # has this address too (an agent always wins).
    known: Contact | None = next(
        iter(
            Contact.objects.select_related("organization", "user")
            .filter(email=address)
            .annotate(agent_id=_agent_with(address))[:1]
        ),
        None,
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
