"""The forecast page: chart, short-staffed half hours, settings and peak days."""

from datetime import UTC, date, datetime, timedelta

import pytest

from charterdesk.accounts.models import Role, User
from charterdesk.forecasting.models import (
    ForecastRun,
    PeakDay,
    QueueStaffing,
    StaffingModel,
    Trigger,
)
from charterdesk.forecasting.services import forecast_run
from tests.forecasting.factories import history
from tests.routing import factories as routing

NOW = datetime(2026, 3, 4, 3, 0, tzinfo=UTC)


@pytest.fixture
def phones(personas):  # type: ignore[no-untyped-def]
    team = routing.team(name="Voice", lead=personas.manager)
    queue = routing.queue(team, name="Phones")
    QueueStaffing.objects.create(queue=queue, model=StaffingModel.REAL_TIME, aht_seconds=300)
    routing.agent("Day shift", team, calendar=routing.calendar("UTC", "09:00", "17:00"))
    history(queue, first=NOW.date() - timedelta(weeks=5), weeks=5, per_week=300)
    forecast_run(trigger=Trigger.ON_DEMAND, now=NOW)
    return queue


def _team_lead() -> User:
    return User.objects.create_user(
        "lead@charterdesk.example", "x", name="Lee Lead", role=Role.TEAM_LEAD, tier=1
    )


def test_team_lead_sees_chart_errors_and_short_half_hours(
    phones, login, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = login(_team_lead())

    with django_assert_max_num_queries(14):
        response = client.get(f"/desk/forecast/?queue={phones.pk}")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Phones" in page and "<svg" in page and "polyline" in page
    assert "Backtest error (WAPE, last 4 weeks)" in page
    assert "same half hour last week" in page
    assert "Short-staffed half hours" in page and "short-count" in page
    assert "Save staffing" not in page  # team leads read the settings, managers change them


def test_agents_may_not_see_the_forecast_and_customers_do_not_find_it(personas, login) -> None:  # type: ignore[no-untyped-def]
    assert login(personas.tier1).get("/desk/forecast/").status_code == 403
    assert login(personas.alice).get("/desk/forecast/").status_code == 404


def test_page_without_a_forecast_offers_to_compute_it(personas, login) -> None:  # type: ignore[no-untyped-def]
    page = login(personas.manager).get("/desk/forecast/").content.decode()

    assert "No forecast yet" in page and "Compute now" in page


def test_manager_changes_a_queues_staffing(phones, personas, login) -> None:  # type: ignore[no-untyped-def]
    client = login(personas.manager)
    values = {
        "model": "real_time",
        "timezone": "Europe/Berlin",
        "aht_seconds": 240,
        "service_level": 0.9,
        "target_seconds": 30,
        "shrinkage": 0.25,
        "max_occupancy": 0.8,
    }

    response = client.post(f"/desk/forecast/queues/{phones.pk}/staffing", values)

    assert response.status_code == 302
    staffing = QueueStaffing.objects.get(queue=phones)
    assert (staffing.timezone, staffing.aht_seconds, staffing.service_level) == (
        "Europe/Berlin",
        240,
        0.9,
    )


def test_bad_staffing_values_are_shown_on_the_form(phones, personas, login) -> None:  # type: ignore[no-untyped-def]
    values = {
        "model": "real_time",
        "timezone": "Mars/Olympus",
        "aht_seconds": 240,
        "service_level": 1.5,
        "target_seconds": 30,
        "shrinkage": 0.25,
        "max_occupancy": 0.8,
    }

    response = login(personas.manager).post(f"/desk/forecast/queues/{phones.pk}/staffing", values)

    page = response.content.decode()
    assert response.status_code == 400
    assert "is not a time zone" in page
    assert "The service level is a share" in page
    assert QueueStaffing.objects.get(queue=phones).timezone == "UTC"


def test_team_lead_may_not_change_staffing(phones, login) -> None:  # type: ignore[no-untyped-def]
    response = login(_team_lead()).post(f"/desk/forecast/queues/{phones.pk}/staffing", {})

    assert response.status_code == 403


def test_manager_adds_and_removes_a_peak_day(personas, login) -> None:  # type: ignore[no-untyped-def]
    client = login(personas.manager)

    client.post(
        "/desk/forecast/peaks",
        {"day": "2099-06-01", "queue": "", "multiplier": "1.8", "note": "Release 5.0"},
    )
    page = client.get("/desk/forecast/").content.decode()
    peak = PeakDay.objects.get()
    client.post(f"/desk/forecast/peaks/{peak.pk}/delete")

    assert peak.day == date(2099, 6, 1) and peak.queue is None
    assert "Release 5.0" in page and "every queue" in page
    assert not PeakDay.objects.exists()


def test_compute_now_runs_the_forecast_after_the_request(  # type: ignore[no-untyped-def]
    personas, login, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = login(personas.manager).post("/desk/forecast/compute")

    assert response.status_code == 302
    assert ForecastRun.objects.filter(trigger=Trigger.ON_DEMAND, finished_at__isnull=False).exists()
