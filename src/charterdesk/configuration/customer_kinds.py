"""Organizations, contacts, contracts and mailboxes as data. An organization's and a
contract's relationship manager is named by e-mail; a mailbox's queue by name and plan
by slug. A contract is known by its
organization and first day; its authorized contacts and administrators by their e-mail
addresses. A mailbox's password is write-only: never dumped, kept when not given."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch

from charterdesk.accounts.models import User
from charterdesk.customers.domains import domain_normalized
from charterdesk.customers.models import Contact, Organization, OrganizationDomain
from charterdesk.customers.selectors import domain_claimed_by_another, domain_names
from charterdesk.customers.time_zones import is_time_zone
from charterdesk.mailboxes.models import Mailbox
from charterdesk.plans.hooks import contract_terms_changed
from charterdesk.plans.models import Contract, Plan
from charterdesk.routing.models import Queue

from .kinds import Context, Kind, all_named, assign, named, saved
from .schemas import ContactItem, ContractItem, MailboxItem, OrganizationItem

ORGANIZATION_FIELDS = ("name", "language", "region", "is_partner")
CONTACT_FIELDS = (
    "name",
    "time_zone",
    "mail_surveys",
    "mail_statements",
    "mail_promises",
    "mail_escalation_receipts",
    "mail_estimates",
)
CONTRACT_FIELDS = ("starts_on", "ends_on", "hours_included", "professional_services_hours")
MAILBOX_FIELDS = (
    "name",
    "host",
    "port",
    "tls",
    "username",
    "password",
    "password_env",
    "folder",
    "after_storing",
    "move_to",
    "enabled",
)


def _organization_load(
    ctx: Context, organization: Organization | None, data: dict[str, Any]
) -> Organization:
    organization = organization or Organization()
    assign(organization, data, ORGANIZATION_FIELDS)
    if "relationship_manager" in data:
        email = data["relationship_manager"]
        organization.relationship_manager = named(
            User, "email", email.strip().lower() if email else None, "relationship_manager"
        )
    saved(organization)
    if "domains" in data:
        _domains_add(organization, data["domains"])
    return organization


def _domains_add(organization: Organization, names: list[str]) -> None:
    """Domains the file names and the organization lacks are added *not verified*: proof
    that a domain is the customer's is given on each installation (docs/administration.md).
    None is removed; one claimed by another organization is a field error."""
    have = set(domain_names(organization))
    for name in names:
        domain = domain_normalized(name)
        if domain in have:
            continue
        if domain_claimed_by_another(domain, organization.pk):
            raise ValidationError({"domains": f"{domain} is another organization's domain."})
        try:
            saved(OrganizationDomain(organization=organization, domain=domain))
        except ValidationError as error:
            raise ValidationError({"domains": error.messages}) from error
        have.add(domain)


def _organization_dump(organization: Organization) -> dict[str, Any]:
    data = {name: getattr(organization, name) for name in ORGANIZATION_FIELDS}
    data["domains"] = domain_names(organization)
    manager = organization.relationship_manager
    data["relationship_manager"] = manager.email if manager else None
    return data


ORGANIZATIONS = Kind(
    name="organizations",
    model=Organization,
    schema=OrganizationItem,
    key=lambda item: (item["name"],),
    rows=lambda: (
        Organization.objects.select_related("relationship_manager")
        .prefetch_related("domains")
        .order_by("name")
    ),
    find=lambda item: Organization.objects.filter(name=item["name"]).first(),
    dump=_organization_dump,
    load=_organization_load,
)


def _contact_dump(contact: Contact) -> dict[str, Any]:
    data = {name: getattr(contact, name) for name in ("email", *CONTACT_FIELDS)}
    data["organization"] = contact.organization.name if contact.organization else None
    return data


def _contact_load(ctx: Context, contact: Contact | None, data: dict[str, Any]) -> Contact:
    contact = contact or Contact()
    if "email" in data:
        contact.email = data["email"].strip().lower()
    assign(contact, data, CONTACT_FIELDS)
    if "organization" in data:
        contact.organization = named(Organization, "name", data["organization"], "organization")
    if contact.time_zone and not is_time_zone(contact.time_zone):
        raise ValidationError({"time_zone": f"“{contact.time_zone}” is not a time zone."})
    saved(contact)
    return contact


CONTACTS = Kind(
    name="contacts",
    model=Contact,
    schema=ContactItem,
    key=lambda item: (item["email"].strip().lower(),),
    rows=lambda: Contact.objects.select_related("organization").order_by("email"),
    find=lambda item: Contact.objects.filter(email__iexact=item["email"].strip()).first(),
    dump=_contact_dump,
    load=_contact_load,
)


def _contract_dump(contract: Contract) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(contract, name) for name in CONTRACT_FIELDS}
    manager = contract.relationship_manager
    data.update(
        organization=contract.organization.name,
        plan=contract.plan.slug,
        relationship_manager=manager.email if manager else None,
        authorized_contacts=sorted(c.email for c in contract.authorized_contacts.all()),
        administrators=sorted(c.email for c in contract.administrators.all()),
    )
    return data


def _contract_load(ctx: Context, contract: Contract | None, data: dict[str, Any]) -> Contract:
    contract = contract or Contract()
    before = (contract.plan_id, contract.starts_on, contract.ends_on) if contract.pk else None
    assign(contract, data, CONTRACT_FIELDS)
    if "organization" in data:
        contract.organization = named(Organization, "name", data["organization"], "organization")
    if "plan" in data:
        contract.plan = named(Plan, "slug", data["plan"], "plan")
    if "relationship_manager" in data:
        email = data["relationship_manager"]
        manager = named(
            User, "email", email.strip().lower() if email else None, "relationship_manager"
        )
        if manager is not None and not manager.is_agent:
            raise ValidationError({"relationship_manager": f"{manager.email} is not on the staff."})
        contract.relationship_manager = manager
    saved(contract)
    for field in ("authorized_contacts", "administrators"):
        if field in data:
            emails = [e.strip().lower() for e in data[field]]
            getattr(contract, field).set(all_named(Contact, "email", emails, field))
    if before is not None and before != (contract.plan_id, contract.starts_on, contract.ends_on):
        contract_terms_changed.announce(contract)
    return contract


def _contract_find(item: dict[str, Any]) -> Contract | None:
    return Contract.objects.filter(
        organization__name=item["organization"], starts_on=item["starts_on"]
    ).first()


_EMAILS = Contact.objects.only("email")
CONTRACTS = Kind(
    name="contracts",
    model=Contract,
    schema=ContractItem,
    key=lambda item: (item["organization"], str(item["starts_on"])),
    rows=lambda: (
        Contract.objects.select_related("organization", "plan", "relationship_manager")
        .prefetch_related(
            Prefetch("authorized_contacts", queryset=_EMAILS),
            Prefetch("administrators", queryset=_EMAILS),
        )
        .order_by("organization__name", "starts_on")
    ),
    find=_contract_find,
    dump=_contract_dump,
    load=_contract_load,
)


def _mailbox_load(ctx: Context, mailbox: Mailbox | None, data: dict[str, Any]) -> Mailbox:
    mailbox = mailbox or Mailbox()
    assign(mailbox, {k: v for k, v in data.items() if k != "password" or v}, MAILBOX_FIELDS)
    if "queue" in data:
        mailbox.queue = named(Queue, "name", data["queue"], "queue")
    if "plan" in data:
        mailbox.plan = named(Plan, "slug", data["plan"], "plan")
    saved(mailbox)
    return mailbox


def _mailbox_dump(mailbox: Mailbox) -> dict[str, Any]:
    data = {name: getattr(mailbox, name) for name in MAILBOX_FIELDS if name != "password"}
    data["queue"] = mailbox.queue.name if mailbox.queue else None
    data["plan"] = mailbox.plan.slug if mailbox.plan else None
    return data


MAILBOXES = Kind(
    name="mailboxes",
    model=Mailbox,
    schema=MailboxItem,
    key=lambda item: (item["name"],),
    rows=lambda: Mailbox.objects.select_related("queue", "plan").order_by("name"),
    find=lambda item: Mailbox.objects.filter(name=item["name"]).first(),
    dump=_mailbox_dump,
    load=_mailbox_load,
)
