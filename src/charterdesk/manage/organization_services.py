"""Writes of the organization pages. The caller (the view) owns the transaction; the
models check their own rules on save, and the audit log records every change."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from charterdesk.accounts.invitations import invitation_send
from charterdesk.accounts.models import User
from charterdesk.customers.domain_checks import mail_link_token
from charterdesk.customers.models import Contact, OrganizationDomain
from charterdesk.mail.outbox import mail_queue
from charterdesk.plans.models import Contract


def contact_deactivate(contact: Contact) -> None:
    """The contact left: the portal account is closed and they are taken off every
    contract (authorized contact, administrator). Their requests and history stay."""
    if contact.deactivated_at is not None:
        return
    contact.deactivated_at = timezone.now()
    contact.save(update_fields=["deactivated_at"])
    if contact.user is not None and contact.user.is_active:
        contact.user.is_active = False
        contact.user.save(update_fields=["is_active"])
    for contract in Contract.objects.filter(authorized_contacts=contact):
        contract.authorized_contacts.remove(contact)
    for contract in Contract.objects.filter(administrators=contact):
        contract.administrators.remove(contact)


def contact_reactivate(contact: Contact) -> None:
    """The contact is back; a portal account that had a password opens again (contract
    roles are given back on the contract page)."""
    if contact.deactivated_at is None:
        return
    contact.deactivated_at = None
    contact.save(update_fields=["deactivated_at"])
    user = contact.user
    if user is not None and not user.is_active and user.has_usable_password():
        user.is_active = True
        user.save(update_fields=["is_active"])


def contact_invite(contact: Contact, *, by: User) -> None:
    """Mail the contact a link to choose a password and sign in to the portal."""
    if contact.deactivated_at is not None:
        raise ValidationError("Reactivate the contact before inviting them.")
    if contact.user is not None and contact.user.is_active:
        raise ValidationError(f"{contact.email} already signs in to the portal.")
    user = invitation_send(email=contact.email, invited_by=by, name=contact.name)
    if contact.user_id != user.pk:
        contact.user = user
        contact.save(update_fields=["user"])


def domain_verification_mail(domain: OrganizationDomain, contact: Contact, *, by: User) -> None:
    """Mail `contact` (at the domain) a signed link that verifies the domain when opened."""
    if not contact.email.endswith(f"@{domain.domain}"):
        raise ValidationError({"contact": f"Choose a contact whose address is at {domain}."})
    mail_queue(
        to=contact.email,
        template="manage/mail/domain_verification",
        context={
            "domain": domain,
            "contact": contact,
            "by": by,
            "token": mail_link_token(domain, contact.email),
        },
        automatic=False,
    )
