"""Members' flags: at the threshold a post hides pending review; a moderator approves it
back or removes it, with a reason that lands in the audit trail."""

import pytest
from django.core.exceptions import ValidationError

from charterdesk.community import services
from charterdesk.community.models import ModerationAction, Review

from .helpers import ask, reply


@pytest.fixture
def rude(personas, settings):
    settings.COMMUNITY_FLAGS_TO_HIDE = 2
    topic = ask(personas.alice)
    return reply(personas.bob, topic, "You are all idiots.")


def test_enough_flags_hide_a_post_from_readers(client, login, personas, rude):
    services.post_flag(member=personas.alice, post=rude, reason="offensive")
    rude.refresh_from_db()
    assert rude.review == Review.VISIBLE
    services.post_flag(member=personas.carol, post=rude, reason="offensive")
    rude.refresh_from_db()
    assert rude.review == Review.PENDING
    login(personas.alice)
    assert "idiots" not in client.get(f"/community/t/{rude.topic_id}/").content.decode()
    login(personas.bob)  # the author still sees it, marked
    page = client.get(f"/community/t/{rude.topic_id}/").content.decode()
    assert "idiots" in page and "Waiting for a moderator" in page
    trail = ModerationAction.objects.get(post=rude)
    assert trail.actor is None and trail.reason == "2 flags from members"


def test_a_member_flags_a_post_once(personas, rude):
    services.post_flag(member=personas.alice, post=rude, reason="spam")
    with pytest.raises(ValidationError):
        services.post_flag(member=personas.alice, post=rude, reason="spam")


def test_moderator_approves_with_a_reason_from_the_queue(client, login, personas, rude):
    for member in (personas.alice, personas.carol):
        services.post_flag(member=member, post=rude, reason="offensive")
    login(personas.tier1)
    queue = client.get("/desk/community/moderation").content.decode()
    assert "idiots" in queue
    response = client.post(
        f"/desk/community/posts/{rude.pk}/review",
        {"decision": "approve", "reason": "Banter between colleagues"},
        follow=True,
    )
    assert "Banter between colleagues" in response.content.decode()
    rude.refresh_from_db()
    assert rude.review == Review.VISIBLE


def test_review_without_a_reason_changes_nothing(client, login, personas, rude):
    services.post_review(actor=personas.tier1, post=rude, approve=False, reason="Rude")
    login(personas.tier1)
    client.post(f"/desk/community/posts/{rude.pk}/review", {"decision": "approve", "reason": ""})
    rude.refresh_from_db()
    assert rude.review == Review.REJECTED


def test_customers_cannot_open_the_queue(client, login, personas):
    login(personas.alice)
    assert client.get("/desk/community/moderation").status_code == 403


def test_flagging_through_the_page(client, login, personas, rude):
    login(personas.alice)
    response = client.post(f"/community/p/{rude.pk}/flag", {"reason": "offensive"}, follow=True)
    assert "the moderators will look at it" in response.content.decode()
    assert "You flagged this post" in response.content.decode()
