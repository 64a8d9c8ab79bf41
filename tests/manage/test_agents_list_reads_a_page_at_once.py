"""The agents list reads one page of agents with their profile, schedule, teams and
invitation state in the same few queries whether the page shows 5 agents or 40."""

from charterdesk.accounts.models import Invitation
from charterdesk.routing.models import Team
from tests.routing.factories import agent, calendar


def _agents(numbers: range, crew: Team) -> None:
    hours = calendar("Europe/Berlin")
    for n in numbers:
        user = agent(f"Agent {n}", crew, calendar=hours, languages=["en"], skills=["api"])
        if n % 3 == 0:
            Invitation.objects.create(user=user)


def _queries(client, django_assert_max_num_queries, budget):  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(budget) as captured:
        page = client.get("/manage/agents/", {"state": "all"})
    assert page.status_code == 200
    return len(captured), page.content.decode()


def test_the_list_costs_the_same_for_5_agents_as_for_40(
    login, personas, django_assert_max_num_queries
):
    client = login(personas.manager)
    crew = Team.objects.create(name="Crew")
    _agents(range(5), crew)
    few, _ = _queries(client, django_assert_max_num_queries, 20)
    _agents(range(5, 40), crew)
    many, html = _queries(client, django_assert_max_num_queries, few)
    assert many == few
    assert "Agent 39" in html and "Europe/Berlin" in html and "Crew" in html


def test_the_list_pages_at_50(login, personas):
    crew = Team.objects.create(name="Crew")
    for n in range(55):
        agent(f"Agent {n:02}", crew)
    client = login(personas.manager)
    first = client.get("/manage/agents/").content.decode()
    assert "Agent 00" in first and "Next →" in first
    second = client.get("/manage/agents/", {"page": 2}).content.decode()
    assert "← Previous" in second and "Agent 00" not in second
