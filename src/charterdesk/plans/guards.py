"""A contract's authorized contacts and administrators are its organization's own
contacts, however they are added (a page, the admin, the API, the shell): checked when
the many-to-many rows are about to be written."""

from typing import Any

from .models import Contract
from .rules import check_contacts_belong


def contacts_of_the_organization_only(
    sender: Any, instance: Any, action: str, reverse: bool, model: Any, pk_set: Any, **kwargs: Any
) -> None:
    if action != "pre_add" or not pk_set:
        return
    field = "administrators" if sender is Contract.administrators.through else "authorized_contacts"
    if reverse:  # contact.authorized_contracts.add(contract): `instance` is the contact
        contracts = Contract.objects.filter(pk__in=pk_set).only("organization_id")
        for contract in contracts:
            check_contacts_belong(contract.organization_id, [instance], field)
        return
    contacts = model._default_manager.filter(pk__in=pk_set).only("email", "organization_id")
    check_contacts_belong(instance.organization_id, contacts, field)
