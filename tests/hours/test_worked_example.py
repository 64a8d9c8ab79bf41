"""The worked example of docs/hours.md, step by step."""

from decimal import Decimal

from charterdesk.customers.models import Contact
from charterdesk.hours.models import BankAlert
from charterdesk.hours.selectors import bank_of
from charterdesk.hours.services import purchase_create
from tests.hours.factories import bank_set, log, metered_ticket


def test_the_documented_example_adds_up(personas):
    ticket = metered_ticket(subject="How do I schedule a nightly export?")
    contract = bank_set(ticket.contract, included="10")
    contract.administrators.add(Contact.objects.get(email="carol@initech.example"))
    log(ticket, personas.tier1, 250, activity="training")
    log(ticket, personas.tier2, 240)
    bank = bank_of(contract)
    assert (bank.used, bank.percent_used) == (Decimal("8.17"), 81)
    entry = log(ticket, personas.tier1, 120)
    assert entry.overage_minutes == 10
    bank = bank_of(contract)
    assert (bank.used, bank.remaining, bank.overage) == (
        Decimal("10.17"),
        Decimal(0),
        Decimal("0.17"),
    )
    purchase_create(contract, personas.manager, hours=Decimal(5), note="PO 4471")
    assert bank_of(contract).remaining == Decimal("4.83")
    assert sorted(BankAlert.objects.values_list("threshold", flat=True)) == [80, 100]
