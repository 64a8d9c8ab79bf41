import pytest
from django.core.exceptions import ValidationError

from charterdesk.hours.models import Activity, TimeEntry
from charterdesk.swarms.services import collaborator_add, collaborator_remove
from charterdesk.tickets.models import Visibility
from charterdesk.tickets.services import message_add, ticket_update
from tests.tickets.factories import open_ticket


def test_a_collaborator_joins_without_taking_the_ticket_over(personas):
    ticket = open_ticket()
    ticket_update(ticket, personas.tier1, assignee=personas.tier1)
    collaborator_add(ticket, personas.tier2, personas.tier2)
    ticket.refresh_from_db()
    assert ticket.assignee == personas.tier1
    assert [c.agent for c in ticket.collaborators.all()] == [personas.tier2]
    event = ticket.events.get(kind="collaborator", field="collaborator")
    assert event.new_value == "tier2@charterdesk.example" and "Joined" in event.note


def test_collaborators_replies_and_time_are_theirs(personas):
    ticket = open_ticket()
    ticket_update(ticket, personas.tier1, assignee=personas.tier1)
    collaborator_add(ticket, personas.tier1, personas.tier3)
    reply = message_add(ticket, personas.tier3, "Patched the index.", Visibility.PUBLIC)
    TimeEntry.objects.create(
        ticket=ticket, agent=personas.tier3, minutes=45, activity=Activity.INVESTIGATION
    )
    assert reply.author == personas.tier3 and reply.from_staff
    assert ticket.time.get().agent == personas.tier3


def test_removing_a_collaborator_is_in_the_history(personas):
    ticket = open_ticket()
    collaborator_add(ticket, personas.tier1, personas.tier2)
    collaborator_remove(ticket, personas.tier2, personas.tier2)
    assert not ticket.collaborators.exists()
    assert ticket.events.filter(kind="collaborator", old_value="tier2@charterdesk.example").exists()
    with pytest.raises(ValidationError):
        collaborator_remove(ticket, personas.tier2, personas.tier2)


def test_the_assignee_and_customers_are_not_collaborators(personas):
    ticket = open_ticket()
    ticket_update(ticket, personas.tier1, assignee=personas.tier1)
    with pytest.raises(ValidationError):
        collaborator_add(ticket, personas.tier2, personas.tier1)
    with pytest.raises(ValidationError):
        collaborator_add(ticket, personas.tier2, personas.alice)
    collaborator_add(ticket, personas.tier2, personas.tier2)
    with pytest.raises(ValidationError):
        collaborator_add(ticket, personas.tier2, personas.tier2)


def test_collaborators_are_listed_on_the_desk_ticket_page(personas, login):
    ticket = open_ticket()
    client = login(personas.tier3)
    client.post(f"/desk/tickets/{ticket.pk}/collaborators", {})
    page = client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    swarm = page.split('id="swarm"')[1].split("</ul>")[0]
    assert "Jonas Berg" in swarm and "Leave" in swarm
