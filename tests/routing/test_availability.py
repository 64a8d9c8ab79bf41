from charterdesk.routing.models import AgentProfile, Assignment, Availability
from tests.routing.factories import agent, give, queue, team

URL = "/api/v1/agents/me/availability"
JSON = "application/json"


def test_an_agent_sets_themselves_away_and_gets_no_new_tickets(personas, api):
    from charterdesk.routing.models import RoutingRule
    from tests.tickets.factories import open_ticket

    crew = team()
    crew.members.add(personas.tier1)
    lane = queue(crew, Assignment.ROUND_ROBIN)
    RoutingRule.objects.create(name="All", queue=lane)
    client = api.as_(personas.tier1)
    response = client.put(URL, {"availability": "away"}, content_type=JSON)
    assert response.status_code == 200, response.content
    assert response.json()["availability"] == "away"
    assert open_ticket().assignee is None
    client.put(URL, {"availability": "available"}, content_type=JSON)
    assert open_ticket().assignee == personas.tier1


def test_the_availability_shows_shift_load_and_capacity(personas, api):
    ann = agent("Ann", team(), capacity=8)
    give(ann, 2, priority="high")
    body = api.as_(ann).get(URL).json()
    assert body == {
        "availability": "available",
        "on_shift": True,
        "load": 4.0,
        "capacity": 8,
        "calendar": None,
    }


def test_a_wrong_availability_is_a_field_error(personas, api):
    response = api.as_(personas.tier1).put(URL, {"availability": "asleep"}, content_type=JSON)
    assert response.status_code == 422
    assert "availability" in response.json()["errors"]
    assert not AgentProfile.objects.filter(user=personas.tier1).exists()


def test_customers_have_no_availability(personas, api):
    client = api.as_(personas.alice)
    assert client.put(URL, {"availability": "away"}, content_type=JSON).status_code == 403
    assert client.get(URL).status_code == 403


def test_an_agent_sets_their_availability_in_the_desk(personas, login):
    client = login(personas.tier2)
    page = client.post("/desk/availability", {"availability": "away"}, follow=True)
    assert page.status_code == 200
    assert "You are away" in page.content.decode()
    assert AgentProfile.objects.get(user=personas.tier2).availability == Availability.AWAY
    bad = client.post("/desk/availability", {"availability": "gone"}, follow=True)
    assert bad.status_code == 200
    assert AgentProfile.objects.get(user=personas.tier2).availability == Availability.AWAY


def test_managers_see_who_is_on_shift_and_their_load(
    personas, api, login, django_assert_max_num_queries
):
    crew = team("Night shift")
    for name in ("Ann", "Ben", "Cat"):
        give(agent(name, crew, capacity=10), 3)
    agent("Dan", crew, availability=Availability.AWAY)
    board = api.as_(personas.manager).get("/api/v1/agents").json()
    ann = next(row for row in board if row["name"] == "Ann")
    assert (ann["teams"], ann["load"], ann["capacity"], ann["on_shift"]) == (
        ["Night shift"],
        3.0,
        10,
        True,
    )
    client = login(personas.manager)
    with django_assert_max_num_queries(8):
        page = client.get("/desk/agents").content.decode()
    assert "Ann" in page and "3/10" in page and "Away" in page
    assert api.as_(personas.alice).get("/api/v1/agents").status_code == 403
    assert login(personas.alice).get("/desk/agents").status_code == 403
