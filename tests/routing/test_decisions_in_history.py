from django.utils import timezone

from charterdesk.routing.models import Assignment, RoutingRule
from charterdesk.routing.services import ticket_assign
from charterdesk.tickets.models import EventKind
from tests.routing.factories import agent, queue, team
from tests.tickets.factories import open_ticket


def test_intake_assigns_automatically_and_says_why_in_the_history(personas):
    crew = team()
    ann = agent("Ann", crew)
    lane = queue(crew, Assignment.ROUND_ROBIN, name="Errors")
    RoutingRule.objects.create(name="Errors to the crew", queue=lane, request_types=["error"])
    ticket = open_ticket(request_type="error")
    assert ticket.assignee == ann
    assigned = ticket.events.get(kind=EventKind.ASSIGNED)
    assert assigned.new_value == ann.email
    assert assigned.note.startswith("Round robin: longest without a new ticket of 1 on shift")
    assert assigned.internal


def test_an_unassigned_ticket_is_assigned_later_with_the_decision_recorded(personas):
    crew = team()
    lane = queue(crew, Assignment.LEAST_LOADED)
    RoutingRule.objects.create(name="All", queue=lane)
    ticket = open_ticket()
    assert ticket.assignee is None
    assert "left unassigned" in ticket.events.get(kind=EventKind.ASSIGNED).note
    ben = agent("Ben", crew)
    choice = ticket_assign(ticket, personas.tier1, timezone.now())
    ticket.refresh_from_db()
    assert ticket.assignee == ben == choice.assignee
    kinds = list(ticket.events.order_by("id").values_list("kind", "field", "new_value"))
    assert ("changed", "assignee", ben.email) in kinds
    assert kinds[-1] == ("assigned", "assignee", ben.email)


def test_the_customer_does_not_see_routing_decisions(personas, login):
    lane = queue(team(), Assignment.ROUND_ROBIN, name="Secret lane")
    RoutingRule.objects.create(name="Internal rule name", queue=lane)
    ticket = open_ticket()
    page = login(personas.alice).get(f"/portal/tickets/{ticket.pk}/").content.decode()
    assert "Internal rule name" not in page
    assert "Internal rule name" in ticket.events.get(kind="routed").note


def test_an_agent_runs_the_assignment_again_through_the_api(personas, api):
    crew = team()
    lane = queue(crew, Assignment.ROUND_ROBIN)
    RoutingRule.objects.create(name="All", queue=lane)
    ticket = open_ticket()
    url = f"/api/v1/tickets/{ticket.pk}/assign"
    assert api.as_(personas.alice).post(url).status_code == 403
    cat = agent("Cat", crew)
    response = api.as_(personas.tier1).post(url)
    assert response.status_code == 200, response.content
    assert response.json()["assignee"] == cat.email
    again = api.as_(personas.tier1).post(url)
    assert again.status_code == 422
    assert "assignee" in again.json()["errors"]
    assert api.as_(personas.bob).post(url).status_code == 404
