from datetime import UTC, datetime

import pytest

from charterdesk.routing.assignment import choose
from charterdesk.routing.models import Assignment
from tests.routing.factories import agent, calendar, queue, team

WEDNESDAY = datetime(2026, 6, 10, tzinfo=UTC)


@pytest.fixture
def sun(personas):
    """Three teams in three zones, each handing over to the next, in a circle."""
    europe = team("Europe")
    asia = team("Asia")
    americas = team("Americas")
    europe.hands_over_to, asia.hands_over_to, americas.hands_over_to = asia, americas, europe
    for crew in (europe, asia, americas):
        crew.save()
    people = {
        "europe": agent("Erin", europe, calendar=calendar("Europe/London")),
        "asia": agent("Aiko", asia, calendar=calendar("Asia/Tokyo")),
        "americas": agent("Ana", americas, calendar=calendar("America/New_York")),
    }
    return queue(europe, Assignment.LEAST_LOADED), people


@pytest.mark.parametrize(
    ("hour_utc", "who"),
    [(12, "europe"), (2, "asia"), (19, "americas")],  # 13:00 London, 11:00 Tokyo, 15:00 NY
)
def test_the_team_on_shift_takes_the_european_queue(sun, hour_utc, who):
    lane, people = sun
    choice = choose(lane, WEDNESDAY.replace(hour=hour_utc))
    assert choice.assignee == people[who]


def test_the_hand_over_is_said_in_the_decision(sun):
    lane, _ = sun
    choice = choose(lane, WEDNESDAY.replace(hour=2))
    assert "follow-the-sun: Asia takes over" in choice.note


def test_when_no_team_is_on_shift_the_ticket_waits_with_every_teams_reason(sun):
    lane, _ = sun
    saturday = datetime(2026, 6, 13, 12, tzinfo=UTC)
    choice = choose(lane, saturday)
    assert choice.assignee is None
    assert choice.note.startswith("left unassigned: Europe: none of 1 available agents on shift")
    assert "; Asia: none of 1" in choice.note and "; Americas: none of 1" in choice.note
