"""The database's shortlist picks the same agent, with the same reason, as reading every
agent of the team and ordering them in Python (the full path), whatever the team."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charterdesk.routing import assignment, shortlist
from charterdesk.routing.models import AgentProfile, Assignment, Availability
from tests.routing.factories import agent, calendar, give, queue, team

WEDNESDAY_NOON = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
SKILLS = ["billing", "api", "sso", "API"]
LANGUAGES = ["en", "de", "DE", "fr"]

agents = st.lists(
    st.fixed_dictionaries(
        {
            "skills": st.lists(st.sampled_from(SKILLS), max_size=3, unique=True),
            "languages": st.lists(st.sampled_from(LANGUAGES), max_size=2, unique=True),
            "capacity": st.sampled_from([25, 25, 3, 1, 0]),
            "away": st.sampled_from([False, False, False, True]),
            "shift": st.sampled_from(["always", "open", "open", "closed"]),
            "last": st.sampled_from([None, 0, 1, 1, 2]),
            "normal": st.integers(0, 3),
            "urgent": st.integers(0, 1),
            "low": st.integers(0, 2),
        }
    ),
    min_size=1,
    max_size=7,
)


def build(crew, spec, calendars) -> None:
    user = agent(
        "Agent",
        crew,
        skills=spec["skills"],
        languages=spec["languages"],
        capacity=spec["capacity"],
        calendar=calendars[spec["shift"]],
        availability=Availability.AWAY if spec["away"] else Availability.AVAILABLE,
    )
    if spec["last"] is not None:
        last = WEDNESDAY_NOON - timedelta(hours=spec["last"])
        AgentProfile.objects.filter(user=user).update(last_assigned_at=last)
    for priority in ("normal", "urgent", "low"):
        if spec[priority]:
            give(user, spec[priority], priority=priority)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    team_spec=agents,
    strategy=st.sampled_from([Assignment.ROUND_ROBIN, Assignment.LEAST_LOADED, Assignment.SKILLS]),
    skills=st.lists(st.sampled_from(SKILLS), max_size=2),
    language=st.sampled_from(["", "de", "fr", "DE"]),
)
def test_the_shortlist_chooses_like_the_full_path(
    personas, monkeypatch, team_spec, strategy, skills, language
):
    with transaction.atomic():
        calendars = {
            "always": None,
            "open": calendar("Europe/London"),
            "closed": calendar("Europe/London", "00:00", "01:00"),
        }
        crew = team()
        for spec in team_spec:
            build(crew, spec, calendars)
        lane = queue(crew, strategy, skills=skills)
        assert shortlist.fits(lane, language)
        fast = assignment.choose(lane, WEDNESDAY_NOON, language=language, claim=False)
        with monkeypatch.context() as patched:
            patched.setattr(shortlist, "fits", lambda *_: False)
            full = assignment.choose(lane, WEDNESDAY_NOON, language=language, claim=False)
        assert (fast.assignee, fast.note) == (full.assignee, full.note)
        transaction.set_rollback(True)


@pytest.mark.parametrize("odd", ["on_call", "Ü-support", '"api"', "50%"])
def test_skills_the_database_cannot_match_exactly_take_the_full_path(personas, odd):
    crew = team()
    ann = agent("Ann", crew, skills=[odd])
    agent("Ben", crew, skills=["api"])
    lane = queue(crew, Assignment.SKILLS, skills=[odd])
    assert not shortlist.fits(lane, "")
    assert assignment.choose(lane, WEDNESDAY_NOON).assignee == ann
