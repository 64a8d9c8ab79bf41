"""Demo: each demo organization's contract gets its signing-in contact (alice, bob, carol)
as administrator when it has none, so the monthly usage statement has someone to go to."""

from datetime import datetime

from charterdesk.customers.models import Contact
from charterdesk.demo.reference import Reference
from charterdesk.plans.models import Contract


def add_demo(ref: Reference, now: datetime) -> None:
    for organization in ref.organizations.values():
        contract = Contract.objects.filter(organization=organization).order_by("-starts_on").first()
        if contract is None or contract.administrators.exists():
            continue
        contact = (
            Contact.objects.filter(organization=organization, user__isnull=False)
            .order_by("email")
            .first()
        )
        if contact is not None:
            contract.administrators.add(contact)
