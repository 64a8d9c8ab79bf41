from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from charterdesk.hours.selectors import bank_of
from charterdesk.hours.services import time_entry_create
from charterdesk.plans.models import Contract
from tests.hours.factories import bank_set, log, metered_ticket


def test_the_bank_shows_included_purchased_used_and_remaining_hours(personas):
    ticket = metered_ticket()
    bank_set(ticket.contract, included="10", purchased="2")
    log(ticket, personas.tier1, 90)
    log(ticket, personas.tier2, 45)
    bank = bank_of(ticket.contract)
    assert (bank.included, bank.purchased, bank.used, bank.remaining) == (
        Decimal("10"),
        Decimal("2"),
        Decimal("2.25"),
        Decimal("9.75"),
    )
    assert bank.percent_used == 18


def test_time_worked_before_the_contract_period_is_not_counted(personas):
    ticket = metered_ticket()
    contract = ticket.contract
    Contract.objects.filter(pk=contract.pk).update(starts_on=timezone.localdate())
    contract.refresh_from_db()
    ticket.contract = contract
    time_entry_create(
        ticket,
        personas.tier1,
        minutes=60,
        activity="reply",
        worked_at=timezone.now() - timedelta(days=2),
    )
    log(ticket, personas.tier1, 30)
    assert bank_of(contract).used == Decimal("0.50")


def test_the_bank_is_summed_in_one_query(personas, django_assert_num_queries):
    ticket = metered_ticket()
    for _ in range(5):
        log(ticket, personas.tier1, 10)
    with django_assert_num_queries(1):
        assert bank_of(ticket.contract).used_minutes == 50
