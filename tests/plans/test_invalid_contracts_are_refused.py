"""A contract ending before it starts, far in the future, overlapping another period of
its organization, or naming another organization's contacts never reaches the database."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from charterdesk.customers.models import Contact, Organization
from charterdesk.plans.models import Contract


@pytest.fixture
def acme_contract(personas):
    return Contract.objects.get(organization__name="Acme Corp")


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "field", "words"),
    [
        (date(2026, 6, 1), date(2026, 5, 31), "ends_on", "must end after it starts"),
        (date(2026, 6, 1), date(2026, 6, 1), "ends_on", "must end after it starts"),
        (date(2026, 1, 1), date(9999, 12, 31), "ends_on", "on or before 31 Dec 2099"),
        (date(1900, 1, 1), date(1900, 12, 31), "starts_on", "between 01 Jan 2000"),
    ],
)
def test_the_model_refuses_a_period_that_makes_no_sense(
    acme_contract, starts_on, ends_on, field, words
):
    acme_contract.starts_on, acme_contract.ends_on = starts_on, ends_on
    with pytest.raises(ValidationError) as refused:
        acme_contract.save()
    assert words in " ".join(refused.value.message_dict[field])


def test_the_database_refuses_an_end_before_the_start_or_in_year_9999(acme_contract):
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.filter(pk=acme_contract.pk).update(ends_on=date(1999, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.filter(pk=acme_contract.pk).update(ends_on=date(9999, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.filter(pk=acme_contract.pk).update(hours_included=-5)


def test_a_second_period_of_one_organization_may_not_overlap_the_first(acme_contract):
    overlapping = Contract(
        organization=acme_contract.organization,
        plan=acme_contract.plan,
        starts_on=acme_contract.ends_on,  # the last day of the current one
    )
    with pytest.raises(ValidationError) as refused:
        overlapping.save()
    assert "overlaps the organization's contract" in refused.value.message_dict["starts_on"][0]
    after = Contract(
        organization=acme_contract.organization,
        plan=acme_contract.plan,
        starts_on=date.fromordinal(acme_contract.ends_on.toordinal() + 1),
    )
    after.save()  # the day after the end: fine
    assert Contract.objects.filter(organization=acme_contract.organization).count() == 2


def test_administrators_and_authorized_contacts_come_from_the_organization(acme_contract):
    bob = Contact.objects.get(email="bob@globex.example")
    for field in ("administrators", "authorized_contacts"):
        with pytest.raises(ValidationError) as refused, transaction.atomic():
            getattr(acme_contract, field).add(bob)
        assert "bob@globex.example" in refused.value.message_dict[field][0]
        assert not getattr(acme_contract, field).filter(pk=bob.pk).exists()
    with pytest.raises(ValidationError), transaction.atomic():
        bob.administered_contracts.add(acme_contract)  # from the contact's side too
    alice = Contact.objects.get(email="alice@acme.example")
    acme_contract.administrators.add(alice)
    assert list(acme_contract.administrators.all()) == [alice]


def test_a_contract_of_a_new_organization_is_accepted(acme_contract):
    newcomer = Organization.objects.create(name="Newcomer")
    contract = Contract.objects.create(
        organization=newcomer, plan=acme_contract.plan, starts_on=date(2026, 12, 1)
    )
    assert contract.period_text() == "from 1 Dec 2026"
