from datetime import timedelta

from django.core import signing
from django.utils import timezone

from charterdesk.satisfaction.models import Survey
from charterdesk.satisfaction.services import survey_url, token_for
from tests.satisfaction.factories import solved_ticket, surveyed


def _path(url):
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_a_click_in_the_mail_preselects_the_rating_and_saves_nothing_until_confirmed(
    personas, client
):
    survey = surveyed(solved_ticket())
    page = client.get(_path(survey_url(survey, 2)))
    assert page.status_code == 200
    assert 'value="2" required id="id_rating_3" checked' in page.content.decode()
    survey.refresh_from_db()
    assert survey.rating is None
    answered = client.post(_path(survey_url(survey)), {"rating": 2, "comment": "Slow"})
    assert "We recorded your answer" in answered.content.decode()
    survey.refresh_from_db()
    assert (survey.rating, survey.comment) == (2, "Slow")


def test_the_answer_can_be_changed_for_the_set_days_then_not(personas, client):
    survey = surveyed(solved_ticket())
    url = _path(survey_url(survey))
    client.post(url, {"rating": 2})
    client.post(url, {"rating": 5, "comment": "Fixed after all"})
    survey.refresh_from_db()
    assert (survey.rating, survey.comment) == (5, "Fixed after all")
    assert survey.open_until - survey.answered_at == timedelta(days=14)
    Survey.objects.filter(pk=survey.pk).update(open_until=timezone.now() - timedelta(seconds=1))
    late = client.post(url, {"rating": 1})
    assert "This survey closed" in late.content.decode()
    survey.refresh_from_db()
    assert survey.rating == 5


def test_one_survey_per_ticket_whatever_the_channel(personas, api, login):
    ticket = solved_ticket()
    survey = surveyed(ticket)
    login(personas.alice).post(
        f"/portal/tickets/{ticket.pk}/survey", {"rating": 3, "comment": "ok"}
    )
    response = api.as_(personas.alice).put(
        f"/api/v1/tickets/{ticket.pk}/survey",
        {"rating": 4, "comment": "better"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert Survey.objects.filter(ticket=ticket).count() == 1
    survey.refresh_from_db()
    assert (survey.rating, survey.comment) == (4, "better")
    events = ticket.events.filter(field="rating").values_list("old_value", "new_value")
    assert list(events.order_by("id")) == [("", "3/5"), ("3/5", "4/5")]


def test_a_tampered_link_is_refused(personas, client):
    survey = surveyed(solved_ticket())
    token = token_for(survey)
    assert client.get(f"/survey/{token[:-2]}xx").status_code == 404
    other_salt = signing.dumps(survey.pk, salt="something.else", compress=True)
    assert client.post(f"/survey/{other_salt}", {"rating": 1}).status_code == 404
    survey.refresh_from_db()
    assert survey.rating is None


def test_a_link_answers_only_its_own_tickets_survey(personas, client):
    mine = surveyed(solved_ticket())
    other = surveyed(solved_ticket("bob@globex.example", hours_ago=30))
    client.post(_path(survey_url(mine)), {"rating": 1})
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.rating, other.rating) == (1, None)


def test_a_bad_rating_is_a_form_error(personas, client):
    survey = surveyed(solved_ticket())
    response = client.post(_path(survey_url(survey)), {"rating": 9})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_only_the_requester_answers_in_the_portal_and_the_api(personas, api, login):
    ticket = solved_ticket()
    surveyed(ticket)
    bob = api.as_(personas.bob).put(
        f"/api/v1/tickets/{ticket.pk}/survey", {"rating": 1}, content_type="application/json"
    )
    agent = api.as_(personas.tier1).put(
        f"/api/v1/tickets/{ticket.pk}/survey", {"rating": 1}, content_type="application/json"
    )
    portal = login(personas.bob).post(f"/portal/tickets/{ticket.pk}/survey", {"rating": 1})
    assert (bob.status_code, agent.status_code, portal.status_code) == (404, 403, 404)
    assert Survey.objects.get(ticket=ticket).rating is None


def test_the_api_rejects_a_rating_out_of_range(personas, api):
    ticket = solved_ticket()
    surveyed(ticket)
    response = api.as_(personas.alice).put(
        f"/api/v1/tickets/{ticket.pk}/survey", {"rating": 6}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "rating" in response.json()["errors"]
