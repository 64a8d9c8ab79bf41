"""A manager creates and renames teams, sets members and lead, chooses the queues the
team works (a queue moves from its old team) and the follow-the-sun hand-over; a hand-over
to the team itself and a queue left without a team are refused."""

import pytest
from django.core.exceptions import ValidationError

from charterdesk.core.models import AuditEntry
from charterdesk.routing.models import Queue, Team


def _data(**changes: object) -> dict[str, object]:
    return {
        "name": "Berlin",
        "lead": "",
        "hands_over_to": "",
        "members": [],
        "queues": [],
    } | changes


def test_a_manager_creates_a_team_that_works_a_queue(login, personas):
    queue = Queue.objects.order_by("position").first()
    before = queue.team
    client = login(personas.manager)
    data = _data(lead=personas.tier2.pk, members=[personas.tier1.pk, personas.tier2.pk])
    page = client.post("/manage/teams/new", data | {"queues": [queue.pk]})
    berlin = Team.objects.get(name="Berlin")
    assert page["Location"] == f"/manage/teams/{berlin.pk}/"
    assert set(berlin.members.all()) == {personas.tier1, personas.tier2}
    queue.refresh_from_db()
    assert queue.team == berlin and before != berlin
    html = client.get("/manage/teams/").content.decode()
    assert "Berlin" in html and queue.name in html
    moved = AuditEntry.objects.filter(kind="routing.queue", object_id=str(queue.pk)).latest("id")
    assert moved.changes == {"team": [before.name, "Berlin"]}


def test_a_team_is_renamed_and_members_leave(login, personas):
    berlin = Team.objects.create(name="Berlin")
    berlin.members.add(personas.tier1, personas.tier2)
    login(personas.manager).post(
        f"/manage/teams/{berlin.pk}/", _data(name="Berlin 2", members=[personas.tier2.pk])
    )
    berlin.refresh_from_db()
    assert berlin.name == "Berlin 2" and list(berlin.members.all()) == [personas.tier2]
    removed = AuditEntry.objects.filter(kind="routing.team").latest("id")
    assert removed.changes == {"members": {"removed": [str(personas.tier1)]}}


def test_a_queue_cannot_be_left_without_a_team(login, personas):
    berlin = Team.objects.create(name="Berlin")
    queue = Queue.objects.create(name="Berlin queue", team=berlin)
    page = login(personas.manager).post(f"/manage/teams/{berlin.pk}/", _data(queues=[]))
    assert "A queue always belongs to a team: tick Berlin queue" in page.content.decode()
    queue.refresh_from_db()
    assert queue.team == berlin


def test_a_ring_of_hand_overs_is_follow_the_sun_but_not_to_itself(login, personas):
    berlin = Team.objects.create(name="Berlin")
    sydney = Team.objects.create(name="Sydney", hands_over_to=berlin)
    client = login(personas.manager)
    client.post(f"/manage/teams/{berlin.pk}/", _data(hands_over_to=sydney.pk))
    berlin.refresh_from_db()
    assert berlin.hands_over_to == sydney
    page = client.post(f"/manage/teams/{berlin.pk}/", _data(hands_over_to=berlin.pk))
    assert "Select a valid choice" in page.content.decode()
    berlin.hands_over_to = berlin
    with pytest.raises(ValidationError, match="cannot hand over to itself"):
        berlin.save()
