from django.utils import timezone

from charterdesk.satisfaction.services import survey_answer
from tests.satisfaction.factories import solved_ticket, surveyed


def test_agents_see_the_rating_and_comment_on_the_ticket_page(personas, login):
    ticket = solved_ticket()
    survey_answer(surveyed(ticket), 4, "Nice work", timezone.now())
    page = login(personas.tier1).get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert "4/5" in page and "Nice work" in page


def test_the_requester_answers_on_the_portal_ticket_page(personas, login):
    ticket = solved_ticket()
    surveyed(ticket)
    client = login(personas.alice)
    assert "Send answer" in client.get(f"/portal/tickets/{ticket.pk}/").content.decode()
    answered = client.post(
        f"/portal/tickets/{ticket.pk}/survey", {"rating": 5, "comment": "Great"}, follow=True
    ).content.decode()
    assert "Thank you for your answer." in answered
    assert "Your rating: <strong>5/5</strong>" in answered
