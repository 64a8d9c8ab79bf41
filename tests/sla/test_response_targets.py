"""What a customer reads about a ticket's promised response times (`response_targets_for`):
each target with its state in the portal's words and the time that goes with it."""

from datetime import UTC, datetime, timedelta

import time_machine

from charterdesk.sla.selectors import PromisedTime, TargetState, response_targets_for
from charterdesk.sla.sweep import sweep
from charterdesk.tickets.models import Status
from charterdesk.tickets.services import message_add, ticket_update
from tests.tickets.factories import open_ticket

# A Monday inside London business hours; Gold's urgent downtime runs 24×7 anyway:
# first reply within 30 minutes, resolution within 4 hours.
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return MONDAY_10 + timedelta(minutes=minutes)


def urgent_downtime():  # type: ignore[no-untyped-def]
    with time_machine.travel(MONDAY_10, tick=False):
        return open_ticket("alice@acme.example", request_type="downtime", priority="urgent")


def test_a_running_target_is_due_by_its_deadline(personas):
    ticket = urgent_downtime()
    assert response_targets_for(ticket, at(5)) == [
        PromisedTime("First reply", TargetState.ACTIVE, at(30)),
        PromisedTime("Resolution", TargetState.ACTIVE, at(240)),
    ]
    assert TargetState.ACTIVE.label == "due by"


def test_a_met_target_shows_when_it_was_met_and_given_updates_drop_out(personas):
    ticket = urgent_downtime()
    with time_machine.travel(at(20), tick=False):
        message_add(ticket, personas.tier2, "We are on it.")
    with time_machine.travel(at(80), tick=False):  # Gold's hourly update, given
        message_add(ticket, personas.tier2, "Still on it.")
    targets = response_targets_for(ticket, at(90))
    assert targets[0] == PromisedTime("First reply", TargetState.FULFILLED, at(20))
    assert [t.metric for t in targets].count("Periodic update") == 1  # only the running one
    assert TargetState.FULFILLED.label == "met on"


def test_a_target_paused_while_waiting_on_the_customer_has_no_deadline(personas):
    ticket = urgent_downtime()
    with time_machine.travel(at(10), tick=False):
        message_add(ticket, personas.tier2, "Please send the logs.")
        ticket_update(ticket, personas.tier2, status=Status.PENDING)
    resolution = next(t for t in response_targets_for(ticket, at(20)) if t.metric == "Resolution")
    assert resolution == PromisedTime("Resolution", TargetState.PAUSED, None)
    assert TargetState.PAUSED.label == "paused while the request waits on you or a third party"


def test_a_target_past_its_deadline_is_overdue_before_and_after_the_sweep(personas):
    ticket = urgent_downtime()
    overdue = PromisedTime("First reply", TargetState.BREACHED, at(30))
    assert response_targets_for(ticket, at(31))[0] == overdue
    sweep(at(31))
    assert response_targets_for(ticket, at(31))[0] == overdue
    assert TargetState.BREACHED.label == "overdue since"
