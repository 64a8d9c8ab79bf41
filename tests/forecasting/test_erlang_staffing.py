"""Erlang C and the workload model: the golden case and properties that must always hold."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charterdesk.forecasting.erlang import (
    StaffingError,
    StaffingInput,
    erlang_c,
    erlang_staffing,
    service_level,
    workload_staffing,
)

GOLDEN = StaffingInput(
    contacts=100,
    interval_minutes=30,
    aht_seconds=180,
    service_level=0.8,
    target_seconds=20,
    shrinkage=0.3,
    max_occupancy=0.85,
)


def test_golden_case_needs_14_agents_and_20_scheduled() -> None:
    result = erlang_staffing(GOLDEN)

    assert (result.agents, result.scheduled) == (14, 20)
    assert round(result.service_level, 3) == 0.888
    assert round(result.wait_probability, 3) == 0.174
    assert round(result.occupancy, 3) == 0.714
    assert result.average_speed_of_answer == pytest.approx(7.8, abs=0.05)


def test_one_agent_fewer_misses_the_service_level() -> None:
    assert service_level(GOLDEN, 13) < 0.8 <= service_level(GOLDEN, 14)


def test_occupancy_cap_adds_agents_beyond_erlang() -> None:
    # 1,000 contacts: Erlang alone would run agents at ~0.9 occupancy.
    busy = StaffingInput(contacts=1000, max_occupancy=0.85)
    loose = StaffingInput(contacts=1000, max_occupancy=1.0)

    assert erlang_staffing(loose).occupancy > 0.85
    assert erlang_staffing(busy).occupancy <= 0.85
    assert erlang_staffing(busy).agents == math.ceil(100 / 0.85)


def test_large_traffic_stays_finite() -> None:
    # 5,000 Erlangs: factorials would overflow a float long before this.
    result = erlang_staffing(StaffingInput(contacts=50_000, aht_seconds=180, max_occupancy=1))

    assert 5000 < result.agents < 5200
    assert 0.8 <= result.service_level <= 1
    assert math.isfinite(result.average_speed_of_answer)


def test_no_contacts_needs_nobody() -> None:
    assert erlang_staffing(StaffingInput(contacts=0)).agents == 0
    assert workload_staffing(StaffingInput(contacts=0)).scheduled == 0


def test_workload_model_divides_work_by_occupancy() -> None:
    # 100 mails × 6 minutes in 30 minutes = 20 agent-intervals of work, at 80 % → 25.
    result = workload_staffing(
        StaffingInput(contacts=100, aht_seconds=360, max_occupancy=0.8, shrinkage=0.2)
    )

    assert (result.agents, result.scheduled) == (25, 32)
    assert result.occupancy == pytest.approx(0.8)


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("contacts", {"contacts": -1}),
        ("interval_minutes", {"interval_minutes": 0}),
        ("aht_seconds", {"aht_seconds": 0}),
        ("service_level", {"service_level": 1.2}),
        ("shrinkage", {"shrinkage": 1}),
        ("max_occupancy", {"max_occupancy": 1.5}),
        ("target_seconds", {"target_seconds": -5}),
    ],
)
def test_bad_values_name_their_field(field: str, changes: dict[str, float]) -> None:
    bad = StaffingInput(**{**GOLDEN.__dict__, **changes})

    with pytest.raises(StaffingError) as raised:
        erlang_staffing(bad)
    assert raised.value.field == field


traffic_inputs = st.builds(
    StaffingInput,
    contacts=st.integers(min_value=1, max_value=600),
    interval_minutes=st.sampled_from([15, 30, 60]),
    aht_seconds=st.integers(min_value=30, max_value=900),
    service_level=st.floats(min_value=0.5, max_value=0.95),
    target_seconds=st.integers(min_value=5, max_value=120),
    shrinkage=st.floats(min_value=0, max_value=0.5),
    max_occupancy=st.floats(min_value=0.6, max_value=1),
)


@settings(max_examples=60, deadline=None)
@given(need=traffic_inputs, extra=st.integers(min_value=1, max_value=200))
def test_more_contacts_never_need_fewer_agents(need: StaffingInput, extra: int) -> None:
    more = StaffingInput(**{**need.__dict__, "contacts": need.contacts + extra})

    assert erlang_staffing(more).agents >= erlang_staffing(need).agents
    assert workload_staffing(more).agents >= workload_staffing(need).agents


@settings(max_examples=60, deadline=None)
@given(need=traffic_inputs)
def test_service_level_grows_with_agents_and_occupancy_stays_below_one(
    need: StaffingInput,
) -> None:
    result = erlang_staffing(need)
    levels = [service_level(need, n) for n in range(result.agents, result.agents + 5)]

    assert all(a <= b + 1e-12 for a, b in zip(levels, levels[1:], strict=False))
    assert result.service_level >= need.service_level
    assert 0 < result.occupancy < 1
    assert result.scheduled >= result.agents
    assert 0 <= erlang_c(need.traffic, result.agents) <= 1
