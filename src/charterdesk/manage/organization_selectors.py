"""Reads of the organization pages (the views check Perm.MANAGE_SETTINGS): the list with
its search, and an organization's contacts with their roles, a fixed number of queries
whatever the number of rows."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from charterdesk.customers.domains import domain_normalized
from charterdesk.customers.models import Contact, Organization, OrganizationDomain
from charterdesk.incidents.models import Deployment
from charterdesk.plans.models import Contract

PAGE_SIZE = 50


def organizations_found(text: str) -> QuerySet[Organization]:
    """Organizations by name (contains, any case) or mail domain (starts with), with the
    counts the list shows."""
    found = Organization.objects.select_related("relationship_manager").annotate(
        contact_count=Count("contacts", distinct=True),
        domain_count=Count("domains", distinct=True),
    )
    text = text.strip()
    if text:
        domains = OrganizationDomain.objects.filter(
            organization=OuterRef("pk"), domain__startswith=domain_normalized(text)
        )
        found = found.filter(Q(name__icontains=text) | Q(Exists(domains)))
    return found.order_by("name")


def deployments_of(organization: Organization) -> list[Deployment]:
    """The services the organization uses, in one query (an organization has a few)."""
    rows = Deployment.objects.filter(organization=organization).select_related("service")
    return list(rows.order_by("service__name", "region"))


def regions_known() -> list[str]:
    """The regions deployments and organizations already name, offered while typing."""
    used = set(Deployment.objects.exclude(region="").values_list("region", flat=True))
    used |= set(Organization.objects.exclude(region="").values_list("region", flat=True))
    return sorted(used)[:100]


def page_of(rows: QuerySet, number: str | None) -> Page:  # type: ignore[type-arg]
    return Paginator(rows, PAGE_SIZE).get_page(number)


@dataclass(frozen=True)
class ContactRow:
    contact: Contact
    authorized: bool  # an authorized contact of a contract in force
    administrator: bool  # a contract administrator of a contract in force

    @property
    def portal(self) -> str:
        """The contact's portal account in words."""
        user = self.contact.user
        if user is None:
            return "No portal account"
        if user.is_active:
            return "Signs in to the portal"
        return "Closed" if user.has_usable_password() else "Invited, not signed in yet"


def contact_rows(organization: Organization, number: str | None) -> tuple[Page, list[ContactRow]]:
    """One page of the organization's contacts (active first) with their contract roles."""
    contacts = Contact.objects.filter(organization=organization).select_related("user")
    page = page_of(contacts.order_by("deactivated_at", "email"), number)
    in_force = Contract.objects.active_on(timezone.localdate()).filter(organization=organization)
    ids = [contact.pk for contact in page]
    authorized = set(
        in_force.filter(authorized_contacts__in=ids).values_list("authorized_contacts", flat=True)
    )
    administrators = set(
        in_force.filter(administrators__in=ids).values_list("administrators", flat=True)
    )
    rows = [ContactRow(c, c.pk in authorized, c.pk in administrators) for c in page]
    return page, rows
