import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.customers.models import Contact
from charterdesk.mail.models import OutboundMail
from charterdesk.tickets.models import TicketEvent
from charterdesk.tickets.services import follower_add, message_add
from tests.tickets.factories import open_ticket


def wile():
    return Contact.objects.get(email="wile@acme.example")


def test_a_colleague_follows_and_gets_the_agents_reply_with_an_unfollow_link(personas, client):
    ticket = open_ticket()
    follower_add(ticket, personas.tier1, contact=wile())
    message_add(ticket, personas.tier1, "We are on it.")
    mail = OutboundMail.objects.get(ticket=ticket, recipient="wile@acme.example")
    assert "We are on it." in mail.text
    link = next(w for w in mail.text.split() if "/mail/unfollow/" in w)
    path = link[link.index("/mail/") :]
    assert "Stop following" in client.get(path).content.decode()
    assert ticket.followers.exists()  # a GET only asks
    assert "no longer gets" in client.post(path).content.decode()
    assert not ticket.followers.exists()
    assert TicketEvent.objects.filter(ticket=ticket, field="followers", old_value__contains="wile")
    assert client.get(path).status_code == 404


def test_an_agent_follower_hears_the_customers_reply_but_not_their_own(personas):
    ticket = open_ticket()
    follower_add(ticket, personas.tier2, user=personas.tier2)
    message_add(ticket, personas.alice, "More detail")
    message_add(ticket, personas.tier2, "Thanks")
    mails = OutboundMail.objects.filter(ticket=ticket, recipient="tier2@charterdesk.example")
    assert [m.text.split("\n")[0] for m in mails] == ["More detail"]


def test_only_colleagues_of_the_organization_follow(personas):
    ticket = open_ticket()
    with pytest.raises(ValidationError, match="colleagues"):
        follower_add(ticket, personas.tier1, contact=personas.bob.contact)
    with pytest.raises(ValidationError, match="requester already"):
        follower_add(ticket, personas.tier1, contact=personas.alice.contact)
    with pytest.raises(PermissionDenied):
        follower_add(ticket, personas.alice, contact=wile())
    follower_add(ticket, personas.tier1, contact=wile())
    with pytest.raises(ValidationError, match="already follows"):
        follower_add(ticket, personas.tier1, contact=wile())


def test_an_agent_adds_a_follower_by_address_on_the_ticket_page(personas, login):
    ticket = open_ticket()
    client = login(personas.tier1)
    bad = client.post(f"/desk/tickets/{ticket.pk}/followers", {"email": "bob@globex.example"})
    assert "Only colleagues" in bad.content.decode()
    client.post(f"/desk/tickets/{ticket.pk}/followers", {"email": "wile@acme.example"})
    client.post(f"/desk/tickets/{ticket.pk}/follow")
    page = client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert "Wile Coyote" in page
    assert ">Unfollow<" in page


def test_a_colleague_follows_from_the_portal_and_another_customer_cannot(personas, login):
    ticket = open_ticket(email="wile@acme.example")
    alice = login(personas.alice)
    page = alice.post(f"/portal/tickets/{ticket.pk}/follow", follow=True).content.decode()
    assert "You follow this request" in page
    assert "Stop following" in page
    assert ticket.followers.get().contact == personas.alice.contact
    alice.post(f"/portal/tickets/{ticket.pk}/follow")
    assert not ticket.followers.exists()
    bob = login(personas.bob)
    assert bob.post(f"/portal/tickets/{ticket.pk}/follow").status_code == 404
