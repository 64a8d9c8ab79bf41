import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.tickets.models import TicketEvent
from charterdesk.workspace.links import link_add, link_remove, links_of
from charterdesk.workspace.models import LinkKind, TicketLink
from tests.tickets.factories import open_ticket


def test_an_agent_links_two_tickets_and_both_histories_say_so(personas):
    first, second = open_ticket(), open_ticket(subject="Export fails again")
    link_add(second, first, LinkKind.DUPLICATE_OF, personas.tier1)
    assert [link.target for link in links_of(first)] == [first]
    assert TicketEvent.objects.get(ticket=second, field="link").new_value == (
        f"Duplicate of #{first.pk}"
    )
    assert TicketEvent.objects.get(ticket=first, field="link").internal


def test_tickets_of_different_organizations_are_not_linked(personas):
    ours = open_ticket()
    theirs = open_ticket(email="bob@globex.example")
    with pytest.raises(ValidationError, match="another organization"):
        link_add(ours, theirs, LinkKind.RELATED, personas.tier1)
    assert not TicketLink.objects.exists()


def test_a_customer_cannot_link_and_never_sees_the_link(personas, login):
    first, second = open_ticket(), open_ticket(subject="Second export problem")
    with pytest.raises(PermissionDenied):
        link_add(first, second, LinkKind.RELATED, personas.alice)
    link_add(first, second, LinkKind.RELATED, personas.tier1)
    page = login(personas.alice).get(f"/portal/tickets/{first.pk}/").content.decode()
    assert "Related to" not in page
    assert f"#{second.pk}" not in page


def test_a_pair_is_linked_once_and_a_removed_link_leaves_a_history_line(personas):
    first, second = open_ticket(), open_ticket(subject="Another")
    link = link_add(first, second, LinkKind.RELATED, personas.tier1)
    with pytest.raises(ValidationError, match="already linked"):
        link_add(second, first, LinkKind.RELATED, personas.tier1)
    link_remove(link, personas.tier1)
    assert not TicketLink.objects.exists()
    assert TicketEvent.objects.filter(ticket=second, field="link", old_value__contains="Related")
