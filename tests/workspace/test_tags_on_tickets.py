import pytest
from django.core.exceptions import ValidationError

from charterdesk.tickets.models import TicketEvent
from charterdesk.tickets.services import ticket_change_tags, ticket_set_tags
from tests.tickets.factories import open_ticket


def test_an_agent_tags_a_ticket_from_its_page_and_the_history_says_so(personas, login):
    ticket = open_ticket()
    client = login(personas.tier1)
    response = client.post(
        f"/desk/tickets/{ticket.pk}/fields", {"tags": "VIP, billing  export"}, follow=True
    )
    page = response.content.decode()
    assert "Tags and fields saved." in page
    assert "Tags: — → billing, export, vip" in page
    assert sorted(ticket.tags.values_list("name", flat=True)) == ["billing", "export", "vip"]


def test_a_tag_with_odd_characters_is_a_form_error_and_nothing_is_saved(personas, login):
    ticket = open_ticket()
    response = login(personas.tier1).post(
        f"/desk/tickets/{ticket.pk}/fields", {"tags": "vip, <script>"}
    )
    assert response.status_code == 200
    assert "is not a tag" in response.content.decode()
    assert not ticket.tags.exists()


def test_customers_never_see_tags_or_their_history(personas, login):
    ticket = open_ticket()
    ticket_set_tags(ticket, personas.tier1, ["angry-customer"])
    page = login(personas.alice).get(f"/portal/tickets/{ticket.pk}/").content.decode()
    assert "angry-customer" not in page
    assert TicketEvent.objects.get(ticket=ticket, field="tags").internal


def test_adding_and_removing_keeps_the_other_tags(personas):
    ticket = open_ticket()
    ticket_set_tags(ticket, personas.tier1, ["vip", "billing"])
    assert ticket_change_tags(ticket, personas.tier1, add=["urgent-fix"], remove=["billing"])
    assert sorted(ticket.tags.values_list("name", flat=True)) == ["urgent-fix", "vip"]
    assert not ticket_change_tags(ticket, personas.tier1, add=["vip"])  # nothing changes


def test_customers_cannot_tag(personas):
    ticket = open_ticket()
    with pytest.raises(Exception, match="Only agents"):
        ticket_set_tags(ticket, personas.alice, ["mine"])


def test_too_many_tags_are_refused(personas):
    ticket = open_ticket()
    with pytest.raises(ValidationError):
        ticket_set_tags(ticket, personas.tier1, [f"t{i}" for i in range(31)])
