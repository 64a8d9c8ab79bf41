"""Authorized contacts: a contract administrator keeps the list within the plan's cap, and
the authorized contacts hear of requests from contacts who are not on it.

Callers own the transaction (lock the contract row, so two additions never both take the
last place); mail leaves through the outbox on commit."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import task

from charterdesk.accounts.models import STAFF_ROLES, User
from charterdesk.core.schedule import periodic
from charterdesk.core.vocabulary import Alternative
from charterdesk.customers.models import Contact, Organization
from charterdesk.mail.outbox import mail_queue
from charterdesk.tickets.models import EventKind, Ticket
from charterdesk.tickets.services.history import record

from .models import Contract

NOTICE_FIELD = "authorized_contacts"  # the history line that says they were told
LOOK_BACK = timedelta(days=7)
BATCH = 200


def contracts_administered_by(contact: Contact, on: datetime) -> QuerySet[Contract]:
    """Contracts in force that the contact administers."""
    if contact.organization_id is None:
        return Contract.objects.none()
    return (
        Contract.objects.active_on(on.date())
        .filter(administrators=contact, organization_id=contact.organization_id)
        .select_related("organization", "plan")
        .order_by("-starts_on", "-id")
    )


def _check_admin(contract: Contract, actor: Contact) -> None:
    if not contract.administrators.filter(pk=actor.pk).exists():
        raise PermissionDenied("Only the contract's administrators manage authorized contacts.")


def authorized_contact_add(
    contract: Contract, actor: Contact, *, email: str, name: str = ""
) -> Contact:
    """Authorize a contact of the organization, inviting a new address by mail."""
    _check_admin(contract, actor)
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": "Give a valid email address."}) from exc
    contact = Contact.objects.filter(email=email).first()
    if contact is not None and contact.organization_id != contract.organization_id:
        raise ValidationError(
            {"email": f"This address cannot be added to {contract.organization}."}
        )
    if contact is not None and contract.authorized_contacts.filter(pk=contact.pk).exists():
        raise ValidationError({"email": f"{email} is already an authorized contact."})
    cap = contract.plan.max_authorized_contacts
    if cap is not None and contract.authorized_contacts.count() >= cap:
        raise ValidationError(
            {
                "email": f"The {contract.plan} plan allows {cap} authorized contacts and the "
                "list is full: remove one first."
            }
        )
    invited = contact is None
    if contact is None:
        _check_new_address(contract, email)
        contact = Contact.objects.create(
            organization=contract.organization, email=email, name=name.strip()[:200]
        )
    contract.authorized_contacts.add(contact)
    mail_queue(
        to=contact.email,
        template="plans/mail/authorized",
        context={"contract": contract, "contact": contact, "by": actor, "invited": invited},
    )
    return contact


def _check_new_address(contract: Contract, email: str) -> None:
    """A new address may not belong to another organization's verified mail domain (mail
    from it would then count as this organization's) nor to the support staff."""
    domain = email.rpartition("@")[2]
    others = Organization.objects.exclude(pk=contract.organization_id).filter(
        domains__icontains=domain
    )
    taken = any(domain in [d.lower() for d in other.domains] for other in others)
    if taken or User.objects.filter(email=email, role__in=STAFF_ROLES).exists():
        raise ValidationError(
            {"email": f"This address cannot be added to {contract.organization}."}
        )


def authorized_contact_remove(contract: Contract, actor: Contact, contact: Contact) -> None:
    _check_admin(contract, actor)
    if not contract.authorized_contacts.filter(pk=contact.pk).exists():
        raise ValidationError({"contact": "This contact is not on the list."})
    contract.authorized_contacts.remove(contact)


def unauthorized_requests(now: datetime) -> QuerySet[Ticket]:
    """Recent requests refused because the contact is not authorized, whose contract's
    authorized contacts were not told yet."""
    told = Ticket.objects.filter(events__kind=EventKind.MAIL, events__field=NOTICE_FIELD).values(
        "pk"
    )
    return (
        Ticket.objects.filter(
            coverage_alternative=Alternative.AUTHORIZED_CONTACT,
            contract__isnull=False,
            created_at__gte=now - LOOK_BACK,
        )
        .exclude(pk__in=told)
        .order_by("id")
    )


def authorized_contacts_tell(ticket: Ticket, now: datetime) -> list[str]:
    """Mail the authorized contacts about one refused request, once (history records it)."""
    contract = ticket.contract
    assert contract is not None  # noqa: S101 - unauthorized_requests filters these
    addresses = list(
        contract.authorized_contacts.filter(bouncing_since__isnull=True)
        .exclude(pk=ticket.requester_id)
        .values_list("email", flat=True)
    )
    for address in addresses:
        mail_queue(
            to=address,
            template="plans/mail/unauthorized_request",
            context={"ticket": ticket, "contract": contract, "requester": ticket.requester},
        )
    record(
        ticket,
        None,
        EventKind.MAIL,
        field=NOTICE_FIELD,
        new=len(addresses),
        note=f"Told the authorized contacts: {', '.join(addresses) or 'none on the list'}",
        internal=True,
        at=now,
    )
    return addresses


def sweep_unauthorized(now: datetime) -> int:
    """Tell the authorized contacts of every refused request not told yet."""
    told = 0
    for pk in list(unauthorized_requests(now).values_list("pk", flat=True)[:BATCH]):
        with transaction.atomic():
            ticket = (
                unauthorized_requests(now)
                .select_for_update(of=("self",))
                .select_related("requester", "contract__plan", "contract__organization")
                .filter(pk=pk)
                .first()
            )
            if ticket is not None:  # another worker may have told them meanwhile
                authorized_contacts_tell(ticket, now)
                told += 1
    return told


@periodic("tell-authorized", every=timedelta(minutes=1))
@task()
def tell_authorized_contacts() -> dict[str, int]:
    """Scheduler job: tell authorized contacts of refused requests (every minute)."""
    return {"told": sweep_unauthorized(timezone.now())}
