from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from charterdesk.estimates.models import EstimateState
from charterdesk.mail.models import OutboundMail
from charterdesk.plans.models import Plan
from charterdesk.tickets.services import ticket_update
from tests.estimates.factories import consulting_ticket, quote
from tests.tickets.factories import open_ticket


def test_the_rate_defaults_to_the_plans_consulting_rate(personas):
    Plan.objects.filter(name="Gold").update(consulting_rate=Decimal("150"))
    estimate = quote(consulting_ticket(), personas.tier2, "6")
    assert (estimate.rate, estimate.total, estimate.state) == (
        Decimal("150.00"),
        Decimal("900.00"),
        EstimateState.SENT,
    )


def test_the_requester_is_mailed_the_estimate_with_approve_and_decline_links(personas):
    ticket = consulting_ticket()
    quote(ticket, personas.tier2, "6", rate=Decimal("120"))
    mail = OutboundMail.objects.get(recipient="alice@acme.example", subject__contains="Estimate")
    assert "Total: 720.00" in mail.text
    assert "/estimate/" in mail.text and "?choice=approve" in mail.text
    assert "?choice=decline" in mail.text


def test_sending_is_in_the_history_the_customer_sees(personas):
    ticket = consulting_ticket()
    quote(ticket, personas.tier2, "2.5", rate=Decimal("100"))
    event = ticket.events.get(kind="estimate")
    assert (event.new_value, event.internal) == ("sent", False)
    assert "2.5 h × 100.00 EUR = 250.00 EUR" in event.note


def test_a_new_estimate_replaces_the_one_awaiting_a_decision(personas):
    ticket = consulting_ticket()
    first = quote(ticket, personas.tier2, "6")
    second = quote(ticket, personas.tier2, "4")
    first.refresh_from_db()
    assert (first.state, second.state) == (EstimateState.WITHDRAWN, EstimateState.SENT)
    assert ticket.events.filter(kind="estimate", new_value="withdrawn").exists()


def test_an_included_request_needs_no_estimate(personas):
    with pytest.raises(ValidationError) as exc:
        quote(open_ticket(), personas.tier2)
    assert "does not need an estimate" in str(exc.value)


def test_bad_hours_and_empty_scope_are_refused(personas):
    with pytest.raises(ValidationError) as exc:
        quote(consulting_ticket(), personas.tier2, "0", scope="  ")
    assert set(exc.value.message_dict) == {"hours", "scope"}


def test_a_request_reclassified_as_consulting_can_be_quoted(personas):
    ticket = open_ticket()
    ticket_update(ticket, personas.tier2, request_type="consulting")
    assert ticket.coverage == "billable"
    assert quote(ticket, personas.tier2).state == EstimateState.SENT
