"""Authorized contacts: a contract administrator keeps the list within the plan's cap
(the authorized contacts hear of requests from contacts who are not on it: `sweep.py`).

Callers own the transaction (lock the contract row, so two additions never both take the
last place); mail leaves through the outbox on commit."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db.models import QuerySet

from charterdesk.accounts.invitations import invitation_create
from charterdesk.accounts.models import STAFF_ROLES, User
from charterdesk.customers.models import Contact
from charterdesk.customers.selectors import domain_claimed_by_another
from charterdesk.mail.outbox import mail_queue
from charterdesk.plans.models import Contract


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
        template="intake/mail/authorized",
        context={
            "contract": contract,
            "contact": contact,
            "by": actor,
            "invited": invited,
            "invitation_url": _invite_to_portal(contact, actor),
        },
    )
    return contact


def _invite_to_portal(contact: Contact, actor: Contact) -> str | None:
    """A contact without an account gets one, opened by a set-your-password link; None
    when the address already has an account (or one that was closed)."""
    if contact.user_id is not None:
        return None
    try:
        user, link = invitation_create(
            email=contact.email, invited_by=actor.user, name=contact.name
        )
    except ValidationError:
        return None
    contact.user = user
    contact.save(update_fields=["user"])
    return link


def _check_new_address(contract: Contract, email: str) -> None:
    """A new address may not belong to another organization's mail domain (mail
    from it would then count as this organization's) nor to the support staff."""
    taken = domain_claimed_by_another(email.rpartition("@")[2], contract.organization_id)
    if taken or User.objects.filter(email=email, role__in=STAFF_ROLES).exists():
        raise ValidationError(
            {"email": f"This address cannot be added to {contract.organization}."}
        )


def authorized_contact_remove(contract: Contract, actor: Contact, contact: Contact) -> None:
    _check_admin(contract, actor)
    if not contract.authorized_contacts.filter(pk=contact.pk).exists():
        raise ValidationError({"contact": "This contact is not on the list."})
    contract.authorized_contacts.remove(contact)
