"""The forum through the API: the same permissions as the pages (a closed category is a
404 for outsiders), accept, vote and flag, staff moderation; problem+json errors."""

import pytest

from charterdesk.community.models import Access

from .helpers import ask, category, reply


@pytest.fixture
def gold_topic(personas):
    gold = category("Gold lounge", Access.PLANS, plans=("Gold",))
    return ask(personas.alice, "Gold routing", category=gold)


def test_member_asks_and_reads_through_the_api(api, personas):
    general = category()
    bob = api.as_(personas.bob)
    created = bob.post(
        "/api/v1/community/topics",
        {"category_id": general.pk, "title": "API question", "body": "How?"},
        content_type="application/json",
    )
    assert created.status_code == 201
    topic = created.json()
    assert topic["title"] == "API question" and topic["author"] == "Bob Baker"
    alice = api.as_(personas.alice)
    answer = alice.post(
        f"/api/v1/community/topics/{topic['id']}/posts",
        {"body": "Like this."},
        content_type="application/json",
    )
    assert answer.status_code == 201
    accepted = bob.post(f"/api/v1/community/posts/{answer.json()['id']}/accept")
    assert accepted.json()["accepted_post_id"] == answer.json()["id"]
    posts = alice.get(f"/api/v1/community/topics/{topic['id']}/posts").json()
    assert [p["body"] for p in posts["items"]] == ["How?", "Like this."]


def test_closed_category_is_not_found_through_the_api(api, personas, gold_topic):
    bob = api.as_(personas.bob)
    response = bob.get(f"/api/v1/community/topics/{gold_topic.pk}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert bob.get(f"/api/v1/community/topics/{gold_topic.pk}/posts").status_code == 404
    listed = [t["title"] for t in bob.get("/api/v1/community/topics").json()["items"]]
    assert "Gold routing" not in listed
    assert "Gold lounge" not in [c["name"] for c in bob.get("/api/v1/community/categories").json()]
    posted = bob.post(
        "/api/v1/community/topics",
        {"category_id": gold_topic.category_id, "title": "In", "body": "Let me in"},
        content_type="application/json",
    )
    assert posted.status_code == 422
    assert "category_id" in posted.json()["errors"]


def test_bad_input_is_problem_json_with_field_messages(api, personas):
    response = api.as_(personas.bob).post(
        "/api/v1/community/topics",
        {"category_id": category().pk, "title": " ", "body": ""},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert set(response.json()["errors"]) >= {"title", "body"}


def test_flag_and_staff_review(api, personas, settings):
    settings.COMMUNITY_FLAGS_TO_HIDE = 1
    topic = ask(personas.alice)
    rude = reply(personas.bob, topic, "Rude words")
    flagged = api.as_(personas.alice).post(
        f"/api/v1/community/posts/{rude.pk}/flag",
        {"reason": "offensive"},
        content_type="application/json",
    )
    assert flagged.status_code == 201
    staff = api.as_(personas.tier1)
    assert [p["id"] for p in staff.get("/api/v1/community/moderation").json()] == [rude.pk]
    assert api.as_(personas.alice).get("/api/v1/community/moderation").status_code == 403
    reviewed = staff.post(
        f"/api/v1/community/posts/{rude.pk}/review",
        {"approve": False, "reason": "Insults"},
        content_type="application/json",
    )
    assert reviewed.json()["review"] == "rejected"


def test_staff_lock_through_the_api_and_members_cannot(api, personas):
    topic = ask(personas.alice)
    body = {"action": "lock", "reason": "Done"}
    member = api.as_(personas.bob).post(
        f"/api/v1/community/topics/{topic.pk}/actions", body, content_type="application/json"
    )
    assert member.status_code == 403
    staff = api.as_(personas.tier1).post(
        f"/api/v1/community/topics/{topic.pk}/actions", body, content_type="application/json"
    )
    assert staff.json()["locked"] is True
