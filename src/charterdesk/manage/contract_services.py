"""Contracts in the settings area. The caller owns the transaction; the model refuses an
invalid period (plans.rules) and contacts of another organization (plans.guards)."""

from django.core.exceptions import ValidationError

from charterdesk.plans.hooks import contract_terms_changed
from charterdesk.plans.models import Contract
from charterdesk.plans.rules import next_period

from .contract_forms import ContractForm

TERMS = {"plan", "starts_on", "ends_on"}


def contract_save(*, form: ContractForm) -> Contract:
    """Save the form; a changed plan or period moves the deadlines of the contract's open
    tickets (the SLA app hears `contract_terms_changed` and writes their history)."""
    changed_terms = form.instance.pk is not None and TERMS & set(form.changed_data)
    contract: Contract = form.save()
    if changed_terms:
        contract_terms_changed.announce(contract)
    return contract


def contract_renew(*, contract: Contract) -> Contract:
    """The next period: as long as this one, from the day after it ends, on the same plan
    with the same hours, manager, authorized contacts and administrators; no purchased
    hours carried over."""
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
