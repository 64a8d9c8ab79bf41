"""A request body over DATA_UPLOAD_MAX_MEMORY_SIZE answers 413 and changes nothing: as
problem+json in the API, as a short page on the site."""

import json

from django.test import override_settings

from charterdesk.tickets.models import Ticket


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_an_api_body_over_the_limit_answers_413_problem(api, personas):
    before = Ticket.objects.count()
    body = json.dumps({"subject": "Logs", "body": "x" * 20_000})
    response = api.as_(personas.alice).post(
        "/api/v1/tickets", body, content_type="application/json"
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert (
        response.json()["detail"]
        == "The request body is larger than 9.8\xa0KB; nothing was changed."
    )
    assert Ticket.objects.count() == before


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_a_form_over_the_limit_answers_a_413_page(login, personas):
    before = Ticket.objects.count()
    data = {"subject": "Logs", "body": "x" * 20_000, "request_type": "error", "priority": "normal"}
    response = login(personas.alice).post("/portal/new/", data)
    assert response.status_code == 413
    assert "larger than 9.8\xa0KB" in response.content.decode()
    assert Ticket.objects.count() == before
