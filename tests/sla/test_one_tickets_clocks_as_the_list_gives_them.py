"""The ticket page reads one ticket's clocks with statements compiled once
(sla.selectors.clock_views_of); it gives what the queue's reading of many tickets gives,
for a plan's 24×7 request types and its business-hours ones alike."""

from datetime import UTC, datetime, timedelta

import time_machine

from charterdesk.sla.selectors import clock_views, clock_views_of
from charterdesk.tickets.selectors import ticket_get_for
from tests.tickets.factories import open_ticket

FRIDAY_17 = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)  # an hour or less before closing
SATURDAY_12 = FRIDAY_17 + timedelta(hours=19)


def _seen(views):  # type: ignore[no-untyped-def]
    return [(v.clock.pk, v.business_used, v.business_left, v.calendar_left) for v in views]


def test_one_tickets_clocks_match_the_lists(personas, django_assert_num_queries):
    with time_machine.travel(FRIDAY_17, tick=False):
        downtime = open_ticket(request_type="downtime", priority="low")  # Gold: 24×7
        error = open_ticket(request_type="error", priority="low")  # Gold: business hours
        other = open_ticket("carol@initech.example")
    tickets = [ticket_get_for(personas.tier1, t.pk) for t in (downtime, error, other)]
    listed = clock_views(tickets, SATURDAY_12)
    for ticket in tickets:
        with django_assert_num_queries(2):  # the calendar, then the clocks
            one = clock_views_of(ticket, SATURDAY_12)
        assert one and _seen(one) == _seen(listed[ticket.pk])
    # the 24×7 clock counted the night and the morning; the business one stood still
    assert _seen(listed[downtime.pk])[0][1] == 19 * 3600
    assert _seen(listed[error.pk])[0][1] <= 3600
