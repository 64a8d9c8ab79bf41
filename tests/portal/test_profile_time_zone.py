"""Times are shown in the reader's time zone: guessed from the browser at first, set in
the profile; a guess never overrides what the contact chose."""

from datetime import datetime
from zoneinfo import ZoneInfo

from charterdesk.customers.models import Contact
from charterdesk.tickets.models import Ticket
from tests.tickets.factories import open_ticket

OPENED = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("UTC"))


def _opened_line(client, ticket):  # type: ignore[no-untyped-def]
    page = client.get(f"/portal/tickets/{ticket.pk}/").content.decode()
    return page.split("<dt>Opened</dt><dd>", 1)[1].split("</dd>", 1)[0]


def test_the_browsers_guess_sets_the_time_zone_and_times_follow_it(login, personas):
    ticket = open_ticket("alice@acme.example")
    Ticket.objects.filter(pk=ticket.pk).update(created_at=OPENED)
    client = login(personas.alice)
    assert "resolvedOptions().timeZone" in client.get("/portal/").content.decode()
    assert client.post("/portal/time-zone", {"time_zone": "Asia/Tokyo"}).status_code == 204
    assert Contact.objects.get(email="alice@acme.example").time_zone == "Asia/Tokyo"
    assert _opened_line(client, ticket) == "23 Nov 2026, 19:00 JST"
    assert "resolvedOptions().timeZone" not in client.get("/portal/").content.decode()


def test_the_profile_choice_wins_over_a_later_guess(login, personas):
    ticket = open_ticket("alice@acme.example")
    Ticket.objects.filter(pk=ticket.pk).update(created_at=OPENED)
    client = login(personas.alice)
    response = client.post(
        "/portal/profile/", {"time_zone": "America/New_York", "mail_surveys": "on"}, follow=True
    )
    assert "Saved: your profile." in response.content.decode()
    client.post("/portal/time-zone", {"time_zone": "Asia/Tokyo"})
    assert Contact.objects.get(email="alice@acme.example").time_zone == "America/New_York"
    assert _opened_line(client, ticket) == "23 Nov 2026, 05:00 EST"


def test_an_unknown_time_zone_is_refused(login, personas):
    client = login(personas.alice)
    assert client.post("/portal/time-zone", {"time_zone": "Mars/Olympus"}).status_code == 400
    response = client.post("/portal/profile/", {"time_zone": "Mars/Olympus"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Contact.objects.get(email="alice@acme.example").time_zone == ""


def test_agents_get_the_browsers_time_zone_for_the_session(login, personas):
    client = login(personas.tier1)
    assert client.post("/portal/time-zone", {"time_zone": "Europe/Paris"}).status_code == 204
    assert "resolvedOptions().timeZone" not in client.get("/desk/").content.decode()
