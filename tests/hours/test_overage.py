from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from charterdesk.estimates.models import Estimate, EstimateState
from charterdesk.hours.selectors import bank_of
from charterdesk.hours.services import time_entry_update
from charterdesk.plans.models import OveragePolicy
from tests.hours.factories import bank_set, log, metered_ticket


def test_serve_and_bill_flags_the_minutes_beyond_the_bank_as_billable_overage(personas):
    ticket = metered_ticket()
    bank_set(ticket.contract, included="1", policy=OveragePolicy.SERVE_AND_BILL)
    first = log(ticket, personas.tier1, 50)
    crossing = log(ticket, personas.tier1, 30, billable=False)
    beyond = log(ticket, personas.tier1, 15)
    assert [e.overage_minutes for e in (first, crossing, beyond)] == [0, 20, 15]
    assert crossing.billable is True  # overage is always billed
    bank = bank_of(ticket.contract)
    assert (bank.used, bank.remaining, bank.overage) == (
        Decimal("1.58"),
        Decimal(0),
        Decimal("0.58"),
    )


def test_need_approval_refuses_metered_time_past_the_bank_with_a_clear_error(personas):
    ticket = metered_ticket()
    bank_set(ticket.contract, included="1", policy=OveragePolicy.NEED_APPROVAL)
    log(ticket, personas.tier1, 50)
    with pytest.raises(ValidationError) as exc:
        log(ticket, personas.tier1, 30)
    message = exc.value.message_dict["minutes"][0]
    assert "This goes past the contract's hours bank (0.83 of 1 hours used, 10 minutes left)" in (
        message
    )
    assert "send an estimate" in message
    assert ticket.time.count() == 1


def test_need_approval_accepts_the_time_once_an_estimate_is_approved(personas):
    ticket = metered_ticket()
    bank_set(ticket.contract, included="1", policy=OveragePolicy.NEED_APPROVAL)
    log(ticket, personas.tier1, 60)
    estimate = Estimate.objects.create(
        ticket=ticket,
        hours=Decimal(2),
        rate=Decimal(100),
        scope="Two more hours",
        state=EstimateState.APPROVED,
        author=personas.tier1,
    )
    entry = log(ticket, personas.tier1, 30)
    assert (entry.overage_minutes, entry.estimate) == (30, estimate)


def test_a_correction_past_the_bank_is_refused_under_need_approval(personas):
    ticket = metered_ticket()
    bank_set(ticket.contract, included="1", policy=OveragePolicy.NEED_APPROVAL)
    entry = log(ticket, personas.tier1, 40)
    time_entry_update(entry, personas.tier1, minutes=60)  # exactly the bank: fine
    with pytest.raises(ValidationError):
        time_entry_update(entry, personas.tier1, minutes=61)
