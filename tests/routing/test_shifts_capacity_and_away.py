from datetime import UTC, datetime

from charterdesk.routing.assignment import choose
from charterdesk.routing.models import Assignment, Availability
from tests.routing.factories import agent, calendar, give, queue, team

WEDNESDAY = datetime(2026, 6, 10, tzinfo=UTC)


def test_only_agents_on_shift_by_their_own_calendar_are_assigned(personas):
    crew = team()
    london = agent("London", crew, calendar=calendar("Europe/London"))
    tokyo = agent("Tokyo", crew, calendar=calendar("Asia/Tokyo"))
    lane = queue(crew, Assignment.ROUND_ROBIN)
    assert choose(lane, WEDNESDAY.replace(hour=2)).assignee == tokyo  # 11:00 in Tokyo
    assert choose(lane, WEDNESDAY.replace(hour=12)).assignee == london  # 13:00 in London


def test_nobody_is_assigned_outside_everyones_working_hours(personas):
    crew = team()
    agent("London", crew, calendar=calendar("Europe/London"))
    choice = choose(queue(crew, Assignment.ROUND_ROBIN), WEDNESDAY.replace(hour=20))
    assert choice.assignee is None
    assert "none of 1 available agents on shift" in choice.note


def test_an_agent_on_holiday_is_not_on_shift(personas):
    crew = team()
    agent("On holiday", crew, calendar=calendar("Europe/London", holidays=["2026-06-10"]))
    working = agent("Working", crew, calendar=calendar("Europe/London"))
    give(working, 10)
    lane = queue(crew, Assignment.LEAST_LOADED)
    assert choose(lane, WEDNESDAY.replace(hour=12)).assignee == working


def test_agents_at_capacity_are_skipped(personas):
    crew = team()
    full = agent("Full", crew, capacity=2)
    spare = agent("Spare", crew, capacity=2)
    give(full, 2)
    give(spare, 1)
    lane = queue(crew, Assignment.ROUND_ROBIN)
    assert choose(lane, WEDNESDAY.replace(hour=12)).assignee == spare
    give(spare, 1)
    choice = choose(lane, WEDNESDAY.replace(hour=13))
    assert choice.assignee is None
    assert "all 2 on shift at capacity" in choice.note


def test_away_agents_are_skipped(personas):
    crew = team()
    agent("Away", crew, availability=Availability.AWAY)
    here = agent("Here", crew)
    give(here, 20)
    lane = queue(crew, Assignment.LEAST_LOADED)
    assert choose(lane, WEDNESDAY.replace(hour=12)).assignee == here
    here.agent_profile.availability = Availability.AWAY
    here.agent_profile.save()
    choice = choose(lane, WEDNESDAY.replace(hour=12))
    assert choice.assignee is None
    assert "all 2 away" in choice.note


def test_inactive_accounts_are_never_assigned(personas):
    crew = team()
    gone = agent("Gone", crew)
    gone.is_active = False
    gone.save()
    assert choose(queue(crew, Assignment.ROUND_ROBIN), WEDNESDAY).assignee is None
