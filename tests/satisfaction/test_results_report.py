from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from charterdesk.satisfaction.services import survey_answer
from tests.satisfaction.factories import solved_ticket, surveyed

URL = "/api/v1/reports/satisfaction"
MARCH = datetime(2026, 3, 10, 12, tzinfo=timezone.get_current_timezone())
APRIL = datetime(2026, 4, 10, 12, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def answers(personas):
    """tier1 (Frontline, Gold): 5 in March and 4 in April; tier2 (Incidents, Silver): 2
    in April; one survey without an answer."""
    for email, agent, kind, rating, at in (
        ("alice@acme.example", personas.tier1, "error", 5, MARCH),
        ("alice@acme.example", personas.tier1, "how_to", 4, APRIL),
        ("bob@globex.example", personas.tier2, "downtime", 2, APRIL),
        ("carol@initech.example", personas.tier2, "error", None, APRIL),
    ):
        survey = surveyed(solved_ticket(email, agent, request_type=kind))
        if rating:
            survey_answer(survey, rating, "", at)
    return personas


def _report(api, user, **params):
    query = "&".join(
        f"{k}={v}" for k, v in {"from": "2026-03-01", "to": "2026-04-30", **params}.items()
    )
    return api.as_(user).get(f"{URL}?{query}")


def _rows(response):
    assert response.status_code == 200, response.content
    return {r["group"]: (r["answers"], r["csat"], r["average"]) for r in response.json()["rows"]}


def test_results_per_agent(answers, api):
    assert _rows(_report(api, answers.manager, by="agent")) == {
        "Sam Rivera": (2, 1.0, 4.5),
        "Priya Natarajan": (1, 0.0, 2.0),
    }


def test_results_per_team_queue_and_plan(answers, api):
    assert _rows(_report(api, answers.tier1, by="team")) == {
        "Frontline": (2, 1.0, 4.5),
        "Engineering": (1, 0.0, 2.0),
    }
    assert _rows(_report(api, answers.tier1, by="queue")) == {
        "Frontline": (2, 1.0, 4.5),
        "Incidents": (1, 0.0, 2.0),
    }
    assert _rows(_report(api, answers.tier1, by="plan")) == {
        "Gold": (2, 1.0, 4.5),
        "Silver": (1, 0.0, 2.0),
    }


def test_results_per_month_and_the_period_total(answers, api):
    response = _report(api, answers.manager, by="month")
    assert _rows(response) == {"2026-03": (1, 1.0, 5.0), "2026-04": (2, 0.5, 3.0)}
    assert response.json()["total"] == {"answers": 3, "average": 3.67, "csat": 0.6667}
    march_only = _report(api, answers.manager, by="month", to="2026-03-31")
    assert _rows(march_only) == {"2026-03": (1, 1.0, 5.0)}


def test_the_report_is_aggregated_in_the_database(answers, api, django_assert_max_num_queries):
    client = api.as_(answers.manager)
    with django_assert_max_num_queries(5):  # token, its last use, rows, total
        response = client.get(f"{URL}?by=agent&from=2026-03-01&to=2026-04-30")
    assert response.status_code == 200


def test_customers_cannot_read_satisfaction_results(answers, api):
    assert _report(api, answers.alice).status_code == 403


def test_bad_report_parameters_are_field_errors(answers, api):
    backwards = _report(api, answers.manager, to="2026-01-01")
    assert backwards.status_code == 422 and "to" in backwards.json()["errors"]
    unknown = _report(api, answers.manager, by="colour")
    assert unknown.status_code == 422 and "by" in unknown.json()["errors"]
    not_a_date = _report(api, answers.manager, **{"from": "yesterday"})
    assert not_a_date.status_code == 422 and "from" in not_a_date.json()["errors"]


def test_the_report_page_shows_results_per_agent_and_downloads_csv(answers, login):
    client = login(answers.manager)
    page = client.get(
        "/desk/reports/satisfaction?group=agent&start=2026-03-01&end=2026-04-30"
    ).content.decode()
    assert "Sam Rivera" in page and "100%" in page and "4.50" in page
    csv = client.get(
        "/desk/reports/satisfaction?group=plan&start=2026-03-01&end=2026-04-30&format=csv"
    ).content.decode()
    assert "Gold,2,2,1.0000,4.50" in csv and "Silver,1,0,0.0000,2.00" in csv


def test_the_report_page_shows_form_errors_and_is_for_agents_only(answers, login):
    page = login(answers.manager).get(
        "/desk/reports/satisfaction?group=agent&start=2026-05-01&end=2026-04-01"
    )
    assert page.status_code == 200
    assert "The end is before the start." in page.content.decode()
    assert login(answers.alice).get("/desk/reports/satisfaction").status_code == 403


def test_the_default_period_ends_today(personas, api):
    survey = surveyed(solved_ticket())
    survey_answer(survey, 5, "", timezone.now() - timedelta(days=1))
    body = api.as_(personas.manager).get(URL).json()
    assert body["to"] == timezone.localdate().isoformat()
    assert body["rows"][0]["answers"] == 1


def test_names_that_look_like_formulas_are_quoted_in_the_csv(answers, login):
    from charterdesk.plans.models import Plan

    Plan.objects.filter(name="Gold").update(name='=HYPERLINK("http://evil.example","x")')
    csv = (
        login(answers.manager)
        .get("/desk/reports/satisfaction?group=plan&start=2026-03-01&end=2026-04-30&format=csv")
        .content.decode()
    )
    assert "'=HYPERLINK" in csv
    assert "\n=HYPERLINK" not in csv and '\n"=HYPERLINK' not in csv
