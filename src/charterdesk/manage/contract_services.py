"""Contracts in the settings area. The caller owns the transaction; the model refuses an
invalid period (plans.rules) and contacts of another organization (plans.guards)."""

from charterdesk.plans.hooks import contract_terms_changed
from charterdesk.plans.models import Contract
from charterdesk.plans.renewal import contract_renew

from .contract_forms import ContractForm

__all__ = ["contract_renew", "contract_save"]

TERMS = {"plan", "starts_on", "ends_on"}


def contract_save(*, form: ContractForm) -> Contract:
    """Save the form; a changed plan or period moves the deadlines of the contract's open
    tickets (the SLA app hears `contract_terms_changed` and writes their history)."""
    changed_terms = form.instance.pk is not None and TERMS & set(form.changed_data)
    contract: Contract = form.save()
    if changed_terms:
        contract_terms_changed.announce(contract)
    return contract
