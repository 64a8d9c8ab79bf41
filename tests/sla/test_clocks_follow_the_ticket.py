from datetime import UTC, datetime, timedelta

import time_machine

from charterdesk.sla.models import ClockState, SlaClock, SlaEvent
from charterdesk.tickets.models import Status
from charterdesk.tickets.services import message_add, ticket_update
from tests.tickets.factories import open_ticket

# A Monday inside London business hours, so business and 24×7 calendars are both open.
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def clock(ticket, metric, *states):  # type: ignore[no-untyped-def]
    clocks = SlaClock.objects.filter(ticket=ticket, metric=metric)
    if states:
        clocks = clocks.filter(state__in=states)
    return clocks.order_by("-id").first()


def travel(minutes: float):  # type: ignore[no-untyped-def]
    return time_machine.travel(MONDAY_10 + timedelta(minutes=minutes), tick=False)


def test_new_ticket_starts_first_reply_and_resolution_clocks(personas):
    with travel(0):
        ticket = open_ticket("alice@acme.example", request_type="downtime", priority="urgent")
    first = clock(ticket, "first_reply")
    resolution = clock(ticket, "resolution")
    assert first.state == ClockState.ACTIVE
    assert first.due_at == MONDAY_10 + timedelta(minutes=30)
    assert resolution.due_at == MONDAY_10 + timedelta(minutes=240)
    assert ticket.first_reply_due_at == first.due_at
    assert ticket.attention_at == first.due_at
    assert list(SlaEvent.objects.filter(ticket=ticket).values_list("kind", flat=True)) == [
        "activated",
        "activated",
    ]


def test_each_opening_event_logs_its_own_clock(personas):
    """On PostgreSQL the clocks and their events are written by one statement (sla.opening):
    each event must name its own clock, with that clock's deadline."""
    with travel(0):
        ticket = open_ticket("alice@acme.example", request_type="downtime", priority="urgent")
    events = SlaEvent.objects.filter(ticket=ticket).select_related("clock")
    assert sorted((e.clock.metric, e.due_at, e.at, e.clock.ticket_id) for e in events) == [
        ("first_reply", MONDAY_10 + timedelta(minutes=30), MONDAY_10, ticket.pk),
        ("resolution", MONDAY_10 + timedelta(minutes=240), MONDAY_10, ticket.pk),
    ]


def test_internal_note_does_not_fulfil_and_a_public_reply_does(personas):
    with travel(0):
        ticket = open_ticket("alice@acme.example", request_type="downtime", priority="urgent")
    with travel(10):
        message_add(ticket, personas.tier2, "looking", "internal")
    assert clock(ticket, "first_reply").state == ClockState.ACTIVE
    with travel(20):
        message_add(ticket, personas.tier2, "We are on it.")
    first = clock(ticket, "first_reply")
    assert (first.state, first.breached, first.used_before) == (
        ClockState.FULFILLED,
        False,
        20 * 60,
    )
    update = clock(ticket, "periodic_update", ClockState.ACTIVE)
    assert update.started_at == MONDAY_10 + timedelta(minutes=20)


def test_late_first_reply_is_fulfilled_but_breached(personas):
    with travel(0):
        ticket = open_ticket("alice@acme.example", request_type="downtime", priority="urgent")
    with travel(45):
        message_add(ticket, personas.tier2, "Sorry for the wait.")
    first = clock(ticket, "first_reply")
    assert first.state == ClockState.FULFILLED and first.breached


def test_customer_message_starts_next_reply_and_the_agent_answer_fulfils_it(personas):
    with travel(0):
        ticket = open_ticket("alice@acme.example", request_type="downtime", priority="urgent")
    with travel(5):
        message_add(ticket, personas.tier2, "On it.")
    with travel(15):
        message_add(ticket, personas.alice, "Any news?")
    waiting = clock(ticket, "next_reply", ClockState.ACTIVE)
    assert waiting.due_at == MONDAY_10 + timedelta(minutes=45)
    with travel(25):
        message_add(ticket, personas.alice, "Hello?")  # does not start a second clock
    assert SlaClock.objects.filter(ticket=ticket, metric="next_reply").count() == 1
    with travel(30):
        message_add(ticket, personas.tier2, "Fixed.")
    assert clock(ticket, "next_reply").state == ClockState.FULFILLED


def test_waiting_on_the_customer_pauses_resolution_and_resuming_moves_the_deadline(personas):
    with travel(0):
        ticket = open_ticket("alice@acme.example", request_type="downtime", priority="urgent")
    with travel(60):
        ticket_update(ticket, personas.tier2, status=Status.PENDING)
    paused = clock(ticket, "resolution")
    assert (paused.state, paused.used_before, paused.due_at) == (ClockState.PAUSED, 3600, None)
    with travel(180):  # two hours waiting on the customer do not count
        message_add(ticket, personas.alice, "Here are the logs.")
    resumed = clock(ticket, "resolution")
    assert resumed.state == ClockState.ACTIVE
    assert resumed.due_at == MONDAY_10 + timedelta(minutes=180 + 180)


def test_on_hold_pauses_only_when_the_plan_says_so(personas):
    with travel(0):
        ticket = open_ticket("alice@acme.example", request_type="downtime", priority="urgent")
    plan = ticket.contract.plan
    plan.sla_pause_on_hold = False
    plan.save()
    with travel(10):
        ticket_update(ticket, personas.tier2, status=Status.ON_HOLD)
    assert clock(ticket, "resolution").state == ClockState.ACTIVE


def test_solving_fulfils_resolution_and_reopening_resumes_it(personas):
    with travel(0):
        ticket = open_ticket("alice@acme.example", request_type="downtime", priority="urgent")
    with travel(30):
        ticket_update(ticket, personas.tier2, status=Status.SOLVED)
    assert clock(ticket, "resolution").state == ClockState.FULFILLED
    with travel(100):
        message_add(ticket, personas.alice, "It broke again.")
    resolution = clock(ticket, "resolution")
    assert resolution.state == ClockState.ACTIVE
    assert resolution.used_before == 30 * 60
    assert resolution.due_at == MONDAY_10 + timedelta(minutes=100 + 210)


def test_raising_priority_recomputes_deadlines_from_the_original_start(personas):
    with travel(0):
        ticket = open_ticket("alice@acme.example", request_type="downtime", priority="low")
    assert clock(ticket, "first_reply").due_at == MONDAY_10 + timedelta(minutes=240)
    with travel(10):
        ticket_update(ticket, personas.tier2, priority="urgent")
    assert clock(ticket, "first_reply").due_at == MONDAY_10 + timedelta(minutes=30)
    assert ticket.first_reply_due_at == MONDAY_10 + timedelta(minutes=30)
    kinds = SlaEvent.objects.filter(ticket=ticket, kind="recomputed").values_list("note", flat=True)
    assert "priority changed" in list(kinds)


def test_business_hours_clock_counts_only_open_hours(personas):
    friday_5pm = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)  # London is UTC in November
    with time_machine.travel(friday_5pm, tick=False):
        ticket = open_ticket("carol@initech.example", request_type="error", priority="urgent")
    # Bronze error/urgent: 240 business minutes; 30 on Friday, the rest from Monday 09:00.
    assert clock(ticket, "first_reply").due_at == datetime(2026, 11, 30, 12, 30, tzinfo=UTC)


def test_tickets_without_a_contract_have_no_clocks(personas):
    from charterdesk.customers.models import Contact, Organization

    org = Organization.objects.create(name="Hooli")
    Contact.objects.create(organization=org, email="gavin@hooli.example")
    ticket = open_ticket("gavin@hooli.example")
    assert not SlaClock.objects.filter(ticket=ticket).exists()


def test_a_reply_while_waiting_on_the_customer_starts_the_update_clock_paused(personas):
    with travel(0):
        ticket = open_ticket("alice@acme.example", request_type="downtime", priority="urgent")
    with travel(5):
        message_add(ticket, personas.tier2, "Please send logs.")
        ticket_update(ticket, personas.tier2, status=Status.PENDING)
    with travel(30):
        message_add(ticket, personas.tier2, "Reminder: we still need the logs.")
    update = clock(ticket, "periodic_update", ClockState.ACTIVE, ClockState.PAUSED)
    assert update.state == ClockState.PAUSED
    assert ticket.status == Status.PENDING


def test_reclassifying_out_of_coverage_withdraws_the_running_clocks(personas):
    from charterdesk.plans.models import PlanCoverage

    PlanCoverage.objects.filter(plan__name="Gold", request_type="how_to").delete()
    with travel(0):
        ticket = open_ticket("alice@acme.example", request_type="error", priority="high")
    with travel(10):
        ticket_update(ticket, personas.tier1, request_type="how_to")
    assert ticket.coverage == "not_covered"
    states = set(SlaClock.objects.filter(ticket=ticket).values_list("state", flat=True))
    assert states == {ClockState.CANCELLED}
    assert SlaEvent.objects.filter(ticket=ticket, kind="cancelled").count() == 2
    assert ticket.first_reply_due_at is None
    assert ticket.attention_at == MONDAY_10 + timedelta(hours=4)  # house target, high
