from datetime import UTC, datetime

from charterdesk.routing.assignment import choose
from charterdesk.routing.models import Assignment
from tests.routing.factories import agent, give, queue, team

WEDNESDAY_NOON = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


def test_a_manual_queue_leaves_the_ticket_for_an_agent_to_take(personas):
    crew = team()
    agent("Ann", crew)
    choice = choose(queue(crew, Assignment.MANUAL), WEDNESDAY_NOON)
    assert choice.assignee is None
    assert not choice.automatic


def test_round_robin_takes_turns(personas):
    crew = team()
    ann, ben, cat = agent("Ann", crew), agent("Ben", crew), agent("Cat", crew)
    lane = queue(crew, Assignment.ROUND_ROBIN)
    picked = [choose(lane, WEDNESDAY_NOON.replace(minute=m)).assignee for m in range(4)]
    assert picked == [ann, ben, cat, ann]


def test_least_loaded_counts_open_tickets_weighted_by_priority(personas):
    crew = team()
    three_normal = agent("Three normal", crew)
    one_urgent = agent("One urgent", crew)
    two_normal = agent("Two normal", crew)
    give(three_normal, 3)
    give(one_urgent, 1, priority="urgent")  # weighs 4
    give(two_normal, 2)
    give(two_normal, 6, status="solved")  # solved tickets are no load
    choice = choose(queue(crew, Assignment.LEAST_LOADED), WEDNESDAY_NOON)
    assert choice.assignee == two_normal
    assert "load 2/25" in choice.note


def test_least_loaded_compares_load_against_each_agents_capacity(personas):
    crew = team()
    big = agent("Big capacity", crew, capacity=10)
    small = agent("Small capacity", crew, capacity=4)
    give(big, 4)
    give(small, 2)
    assert choose(queue(crew, Assignment.LEAST_LOADED), WEDNESDAY_NOON).assignee == big


def test_skills_assignment_prefers_agents_with_every_skill(personas):
    crew = team()
    agent("Billing only", crew, skills=["billing"])
    both = agent("Billing and API", crew, skills=["Billing", "api"])
    give(both, 5)
    lane = queue(crew, Assignment.SKILLS, skills=["billing", "api"])
    assert choose(lane, WEDNESDAY_NOON).assignee == both


def test_skills_assignment_leaves_the_ticket_when_nobody_has_a_skill(personas):
    crew = team()
    agent("Generalist", crew, skills=["billing"])
    choice = choose(queue(crew, Assignment.SKILLS, skills=["kubernetes"]), WEDNESDAY_NOON)
    assert choice.assignee is None
    assert "nobody has kubernetes" in choice.note


def test_agents_speaking_the_tickets_language_are_preferred(personas):
    crew = team()
    agent("English", crew, languages=["en"])
    german = agent("German", crew, languages=["en", "de"])
    give(german, 3)
    lane = queue(crew, Assignment.LEAST_LOADED)
    assert choose(lane, WEDNESDAY_NOON, language="de").assignee == german


def test_a_dry_run_does_not_take_the_agent(personas):
    crew = team()
    ann = agent("Ann", crew)
    agent("Ben", crew)
    lane = queue(crew, Assignment.ROUND_ROBIN)
    assert choose(lane, WEDNESDAY_NOON, claim=False).assignee == ann
    assert choose(lane, WEDNESDAY_NOON, claim=False).assignee == ann
