import pytest
from django.core.exceptions import ValidationError

from charterdesk.escalations.models import EscalationKind
from charterdesk.escalations.services import ticket_de_escalate, ticket_escalate
from charterdesk.tickets.services import ticket_update
from tests.escalations.helpers import swarm_queue
from tests.tickets.factories import open_ticket


def test_a_swarm_queue_never_passes_a_ticket_down_a_tier(personas):
    queue = swarm_queue(tier=2)
    ticket = open_ticket()
    ticket_update(ticket, personas.tier2, queue=queue)
    with pytest.raises(ValidationError) as caught:
        ticket_de_escalate(ticket, personas.tier2, reason="not ours", note="back to you")
    message = caught.value.message_dict["queue"][0]
    assert "never passed down" in message and "collaborators" in message
    ticket.refresh_from_db()
    assert ticket.queue == queue


def test_escalating_in_a_swarm_queue_adds_collaborators_of_the_next_tier(personas):
    queue = swarm_queue(tier=2)
    ticket = open_ticket()
    ticket_update(ticket, personas.tier2, queue=queue, assignee=personas.tier2)
    escalation = ticket_escalate(
        ticket, personas.tier2, kind=EscalationKind.FUNCTIONAL, reason="Kernel bug?", note="dmesg"
    )
    ticket.refresh_from_db()
    assert ticket.queue == queue and ticket.assignee == personas.tier2
    assert list(ticket.collaborators.values_list("agent__email", flat=True)) == [
        "tier3@charterdesk.example"
    ]
    assert escalation.handed_off is False and escalation.to_tier == 3


def test_the_desk_page_of_a_swarm_ticket_offers_collaborators_not_passing_down(personas, login):
    ticket = open_ticket()
    ticket_update(ticket, personas.tier2, queue=swarm_queue(tier=2))
    page = login(personas.tier2).get(f"/desk/tickets/{ticket.pk}/").content.decode()
    panel = page.split('id="escalations"')[1].split('id="swarm"')[0]
    assert "never passed down a tier; add collaborators instead" in panel
    assert "Pass down a tier" not in panel
