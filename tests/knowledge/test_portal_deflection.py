"""While a customer writes a request, matching articles appear; "This solved my problem"
is an explicit deflection, opening one and leaving an implicit one, and a request sent
anyway keeps which articles were shown."""

import pytest
from django.utils import timezone

from charterdesk.knowledge.models import SuggestionAttempt, SuggestionShown
from charterdesk.knowledge.reports import Period, deflection

from .helpers import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def saml(personas):
    return published(
        personas.manager,
        "Rotate the SAML certificate",
        "SSO fails when the SAML certificate expires.",
    )


def suggestions(client, attempt, text="SAML certificate expired"):
    return client.get("/help/suggestions", {"subject": text, "body": "", "attempt": attempt})


def test_customer_sees_a_suggestion_and_marks_it_as_solving(login, personas, saml):
    client = login(personas.alice)
    html = suggestions(client, "tok-1").content.decode()
    assert "Rotate the SAML certificate" in html
    page = client.get(f"/help/articles/{saml.pk}-{saml.slug}/?attempt=tok-1").content.decode()
    assert "This solved my problem" in page
    client.post(f"/help/articles/{saml.pk}/solved", {"attempt": "tok-1"})
    attempt = SuggestionAttempt.objects.get(token="tok-1")
    assert attempt.solved_by == saml and attempt.ticket is None
    today = timezone.localdate()
    assert deflection(Period(today, today)).explicit == 1


def test_request_sent_anyway_records_the_articles_shown(login, personas, saml):
    client = login(personas.alice)
    form = client.get("/portal/new/").content.decode()
    token = form.split('name="attempt" value="')[1].split('"')[0]
    suggestions(client, token)
    client.post(
        "/portal/new/",
        {"request_type": "error", "priority": "normal", "subject": "SAML certificate expired",
         "body": "Nobody can sign in.", "attempt": token},
    )  # fmt: skip
    attempt = SuggestionAttempt.objects.get(token=token)
    assert attempt.ticket is not None and attempt.ticket.subject == "SAML certificate expired"
    assert list(
        SuggestionShown.objects.filter(attempt=attempt).values_list("article", flat=True)
    ) == [saml.pk]


def test_opened_and_left_is_an_implicit_deflection(login, personas, saml):
    client = login(personas.alice)
    suggestions(client, "tok-2")
    client.get(f"/help/articles/{saml.pk}-{saml.slug}/?attempt=tok-2")
    today = timezone.localdate()
    result = deflection(Period(today, today))
    assert (result.implicit, result.explicit, result.rate) == (1, 0, 100)


def test_another_customers_token_is_not_taken_over(login, personas, saml):
    suggestions(login(personas.alice), "tok-3")
    suggestions(login(personas.bob), "tok-3")
    attempt = SuggestionAttempt.objects.get(token="tok-3")
    assert attempt.user == personas.alice
