"""A decision takes the same two queries whatever the team's size and the agents' loads:
the shortlist, the claim. The calendars come from the per-process configuration cache
(core.config_cache), read by a first decision in the same unit of work."""

from datetime import UTC, datetime

import pytest

from charterdesk.core import config_cache
from charterdesk.routing.assignment import choose
from charterdesk.routing.models import Assignment, Queue
from tests.routing.factories import agent, calendar, give, queue, team

WEDNESDAY_NOON = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("size", [2, 30])
@pytest.mark.parametrize(
    "strategy", [Assignment.ROUND_ROBIN, Assignment.LEAST_LOADED, Assignment.SKILLS]
)
def test_a_decision_takes_two_queries_for_any_team(
    personas, django_assert_num_queries, size, strategy
):
    crew = team()
    london = calendar("Europe/London")
    for i in range(size):
        give(agent(f"Agent {i}", crew, skills=["api"], calendar=london), 2)
    lane = Queue.objects.select_related("team").get(pk=queue(crew, strategy, skills=["api"]).pk)
    with config_cache.unit():
        choose(lane, WEDNESDAY_NOON, language="de")  # warms the cache
        with django_assert_num_queries(2):  # shortlist, claim
            choice = choose(lane, WEDNESDAY_NOON, language="de")
    assert choice.assignee is not None


def test_when_nobody_can_take_it_the_reason_costs_one_more_query(
    personas, django_assert_num_queries
):
    crew = team()
    for i in range(5):
        give(agent(f"Agent {i}", crew, capacity=1), 1)
    lane = Queue.objects.select_related("team").get(pk=queue(crew, Assignment.LEAST_LOADED).pk)
    with config_cache.unit():
        choose(lane, WEDNESDAY_NOON)  # warms the cache
        with django_assert_num_queries(2):  # shortlist, the count for the reason
            choice = choose(lane, WEDNESDAY_NOON)
    assert choice.assignee is None
    assert "all 5 on shift at capacity" in choice.note
