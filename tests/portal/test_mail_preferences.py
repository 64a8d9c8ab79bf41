"""The profile holds which automatic mails a contact wants; the senders respect it."""

from django.utils import timezone

from charterdesk.customers.models import Contact
from charterdesk.mail.models import OutboundMail
from charterdesk.satisfaction.models import Survey
from charterdesk.satisfaction.sweep import send_due_surveys
from charterdesk.tickets.models import EventKind
from tests.satisfaction.factories import solved_ticket


def test_profile_shows_and_saves_the_mail_preferences(login, personas):
    client = login(personas.alice)
    page = client.get("/portal/profile/").content.decode()
    assert "Ask me how we did" in page and "monthly usage statement" in page
    client.post("/portal/profile/", {"time_zone": "", "mail_statements": "on"})
    alice = Contact.objects.get(email="alice@acme.example")
    assert (alice.mail_surveys, alice.mail_statements) == (False, True)


def test_no_survey_mail_for_a_contact_who_does_not_want_it(personas):
    Contact.objects.filter(email="alice@acme.example").update(mail_surveys=False)
    ticket = solved_ticket(hours_ago=25)
    assert send_due_surveys(timezone.now()) == 1
    assert not OutboundMail.objects.filter(ticket=ticket, subject__contains="How did we do?")
    assert Survey.objects.get(ticket=ticket).mailed is False
    line = ticket.events.get(kind=EventKind.SURVEY)
    assert line.note == "not mailed: the requester asked for no survey mail"
