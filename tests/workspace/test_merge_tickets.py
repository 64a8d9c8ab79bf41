import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.mail.models import OutboundMail
from charterdesk.tickets.models import Status, Ticket, TicketEvent, Visibility
from charterdesk.tickets.services import message_add
from charterdesk.workspace.links import links_of
from charterdesk.workspace.merge import ticket_merge
from charterdesk.workspace.models import LinkKind
from tests.tickets.factories import open_ticket


def test_a_duplicate_is_merged_into_the_surviving_ticket(personas):
    surviving = open_ticket(subject="Export fails")
    duplicate = open_ticket(email="wile@acme.example", subject="Export broken", body="Same here")
    carried = ticket_merge(duplicate, surviving, personas.tier1)
    duplicate.refresh_from_db()
    assert carried == 1
    assert duplicate.status == Status.CLOSED
    assert duplicate.merged_into == surviving
    bodies = list(surviving.messages.values_list("body", "visibility"))
    assert (f"(From #{duplicate.pk}) Same here", Visibility.PUBLIC) in bodies
    assert list(surviving.followers.values_list("contact__email", flat=True)) == [
        "wile@acme.example"
    ]
    [link] = links_of(surviving)
    assert (link.source, link.kind) == (duplicate, LinkKind.DUPLICATE_OF)
    told = OutboundMail.objects.filter(ticket=duplicate, recipient="wile@acme.example").last()
    assert told is not None
    assert f"#{surviving.pk}" in told.text
    assert TicketEvent.objects.filter(ticket=duplicate, field="merged_into").exists()
    assert TicketEvent.objects.get(ticket=surviving, field="merged_from").new_value == (
        f"#{duplicate.pk}"
    )


def test_tickets_of_two_organizations_merge_only_when_the_agent_says_so(personas, login):
    alices = open_ticket()
    bobs = open_ticket(email="bob@globex.example", body="Globex secret details")
    with pytest.raises(ValidationError, match="another organization"):
        ticket_merge(bobs, alices, personas.tier1)
    assert Ticket.objects.get(pk=bobs.pk).status != Status.CLOSED
    ticket_merge(bobs, alices, personas.tier1, across_organizations=True)
    assert not alices.followers.exists()
    page = login(personas.alice).get(f"/portal/tickets/{alices.pk}/").content.decode()
    assert "Globex secret details" not in page
    assert alices.messages.filter(body__contains="Globex secret").get().visibility == (
        Visibility.INTERNAL
    )


def test_a_customer_cannot_merge_and_a_closed_ticket_is_not_merged(personas):
    first, second = open_ticket(), open_ticket(subject="Second")
    with pytest.raises(PermissionDenied):
        ticket_merge(first, second, personas.alice)
    ticket_merge(first, second, personas.tier1)
    with pytest.raises(ValidationError, match="closed"):
        ticket_merge(first, second, personas.tier1)
    with pytest.raises(ValidationError, match="closed"):
        ticket_merge(open_ticket(subject="Third"), first, personas.tier1)


def test_the_merge_form_on_the_ticket_page(personas, login):
    surviving, duplicate = open_ticket(), open_ticket(subject="Dup")
    message_add(duplicate, personas.tier1, "Looking", Visibility.INTERNAL)
    client = login(personas.tier1)
    wrong = client.post(f"/desk/tickets/{duplicate.pk}/merge", {"surviving": "999999"})
    assert wrong.status_code == 200
    assert "No ticket #999999" in wrong.content.decode()
    response = client.post(
        f"/desk/tickets/{duplicate.pk}/merge", {"surviving": surviving.pk}, follow=True
    )
    page = response.content.decode()
    assert f"Merged into #{surviving.pk}" in page
    assert "mail to this ticket lands there" in page
    other = client.get(f"/desk/tickets/{surviving.pk}/").content.decode()
    assert f"#{duplicate.pk} Dup" in other


def test_the_customer_sees_where_a_merged_request_went(personas, login):
    surviving, duplicate = open_ticket(), open_ticket(subject="Dup")
    ticket_merge(duplicate, surviving, personas.tier1)
    page = login(personas.alice).get(f"/portal/tickets/{duplicate.pk}/").content.decode()
    assert f'This request was merged into <a href="/portal/tickets/{surviving.pk}/">' in page
    assert f"merged the two: the conversation continues on #{surviving.pk}" in page
