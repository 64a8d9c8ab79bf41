"""The forecast and staffing API, for team leads and managers."""

from datetime import UTC, datetime, timedelta

import pytest

from charterdesk.forecasting.models import QueueStaffing, StaffingModel, Trigger
from charterdesk.forecasting.services import forecast_run
from tests.forecasting.factories import history
from tests.routing import factories as routing

GOLDEN = {
    "contacts": 100,
    "interval_minutes": 30,
    "aht_seconds": 180,
    "service_level": 0.8,
    "target_seconds": 20,
    "shrinkage": 0.3,
    "max_occupancy": 0.85,
}
NOW = datetime(2026, 3, 4, 3, 0, tzinfo=UTC)


def test_staffing_answers_the_golden_case(api, personas) -> None:  # type: ignore[no-untyped-def]
    response = api.as_(personas.manager).post(
        "/api/v1/staffing", GOLDEN, content_type="application/json"
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["agents"], body["scheduled"]) == (14, 20)
    assert round(body["service_level"], 3) == 0.888
    assert round(body["wait_probability"], 3) == 0.174
    assert round(body["occupancy"], 3) == 0.714
    assert body["average_speed_of_answer"] == pytest.approx(7.8, abs=0.05)


def test_bad_staffing_values_are_field_errors(api, personas) -> None:  # type: ignore[no-untyped-def]
    bad = {
        **GOLDEN,
        "contacts": -3,
        "interval_minutes": 0,
        "service_level": 1.5,
        "max_occupancy": 1.2,
    }

    response = api.as_(personas.manager).post(
        "/api/v1/staffing", bad, content_type="application/json"
    )

    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    fields = str(response.json())
    for field in ("contacts", "interval_minutes", "service_level", "max_occupancy"):
        assert field in fields


def test_agents_and_customers_may_not_plan_staffing(api, personas) -> None:  # type: ignore[no-untyped-def]
    for user in (personas.tier1, personas.alice):
        response = api.as_(user).post("/api/v1/staffing", GOLDEN, content_type="application/json")
        assert response.status_code == 403


def test_forecast_lists_half_hours_with_staffing(api, personas) -> None:  # type: ignore[no-untyped-def]
    team = routing.team(lead=personas.tier2)
    queue = routing.queue(team, name="Phones")
    QueueStaffing.objects.create(queue=queue, model=StaffingModel.REAL_TIME, aht_seconds=300)
    routing.agent("Day shift", team, calendar=routing.calendar("UTC", "09:00", "17:00"))
    history(queue, first=NOW.date() - timedelta(weeks=5), weeks=5, per_week=300)
    forecast_run(trigger=Trigger.ON_DEMAND, now=NOW)

    response = api.as_(personas.manager).get(
        "/api/v1/forecast",
        {"queue": queue.pk, "from": "2026-03-05T00:00:00Z", "to": "2026-03-06T00:00:00Z"},
    )

    assert response.status_code == 200
    body = response.json()
    assert body["queue"]["name"] == "Phones"
    assert body["backtest"]["weeks_of_history"] == 5
    assert 0 < body["backtest"]["wape"] < 1
    assert len(body["intervals"]) == 48
    ten = body["intervals"][20]
    assert ten["start"].startswith("2026-03-05T10:00")
    assert ten["low"] <= ten["expected"] <= ten["high"]
    assert ten["on_shift"] == 1 and ten["short"] == ten["team_scheduled"] - 1 > 0


def test_forecast_of_a_queue_never_computed_is_404(api, personas) -> None:  # type: ignore[no-untyped-def]
    queue = routing.queue(routing.team())

    response = api.as_(personas.manager).get("/api/v1/forecast", {"queue": queue.pk})

    assert response.status_code == 404


def test_forecast_refuses_a_backwards_range(api, personas) -> None:  # type: ignore[no-untyped-def]
    queue = routing.queue(routing.team())
    history(queue, first=NOW.date() - timedelta(weeks=1), weeks=1, per_week=50)
    forecast_run(trigger=Trigger.ON_DEMAND, now=NOW)

    response = api.as_(personas.manager).get(
        "/api/v1/forecast",
        {"queue": queue.pk, "from": "2026-03-06T00:00:00Z", "to": "2026-03-05T00:00:00Z"},
    )

    assert response.status_code == 422
    assert "to" in str(response.json())
