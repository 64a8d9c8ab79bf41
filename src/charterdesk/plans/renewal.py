"""A contract's next period. The caller owns the transaction."""

from django.core.exceptions import ValidationError

from .models import Contract
from .rules import next_period


def contract_renew(*, contract: Contract) -> Contract:
    """The next period: as long as this one, from the day after it ends, on the same plan
    with the same hours, manager, authorized contacts and administrators; no purchased
    hours carried over. Used by the contract page and the configuration API."""
    if contract.ends_on is None:
        raise ValidationError(
            {"ends_on": "This contract has no end, so it has no next period; set its end first."}
        )
    starts_on, ends_on = next_period(contract.starts_on, contract.ends_on)
    renewed = Contract.objects.create(
        organization=contract.organization,
        plan=contract.plan,
        starts_on=starts_on,
        ends_on=ends_on,
        hours_included=contract.hours_included,
        professional_services_hours=contract.professional_services_hours,
        relationship_manager=contract.relationship_manager,
    )
    renewed.authorized_contacts.set(contract.authorized_contacts.all())
    renewed.administrators.set(contract.administrators.all())
    return renewed
