"""Trust levels unlock links and images; new members' first posts are premoderated, the
same text twice is held as spam, silenced and suspended members cannot post, and an
hourly limit holds back floods."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.community import services
from charterdesk.community.models import Member, Review, TrustLevel

from .helpers import ask, reply


def test_new_members_cannot_post_links_until_basic(personas, settings):
    settings.COMMUNITY_TRUST_BASIC = "1,0,0"
    topic = ask(personas.alice)
    with pytest.raises(ValidationError) as error:
        reply(personas.carol, topic, "See https://spam.example/deal")
    assert "links" in str(error.value)
    reply(personas.carol, topic, "A plain first reply.")
    assert services.member_of(personas.carol).trust_level == TrustLevel.BASIC
    reply(personas.carol, topic, "Now [a link](https://docs.example/export) is fine.")


def test_images_need_the_member_level(personas):
    topic = ask(personas.alice)
    Member.objects.filter(user=personas.bob).update(trust_level=TrustLevel.BASIC)
    with pytest.raises(ValidationError):
        reply(personas.bob, topic, "![chart](https://img.example/a.png)")


def test_leaders_edit_others_titles_but_members_do_not(personas):
    topic = ask(personas.alice, "help pls")
    opening = topic.posts.get(number=1)
    with pytest.raises(PermissionDenied):
        services.post_edit(editor=personas.bob, post=opening, body=opening.body, title="Better")
    Member.objects.filter(user=personas.bob).update(trust_level=TrustLevel.LEADER)
    services.post_edit(
        editor=personas.bob, post=opening, body=opening.body, title="Exporting invoices"
    )
    topic.refresh_from_db()
    assert topic.title == "Exporting invoices"
    assert opening.revisions.get().title == "help pls"


def test_public_signups_first_post_waits_for_a_moderator(personas):
    stranger = User.objects.create_user("stranger@example.net", "pw-123456789")
    topic = ask(stranger, "Is this product any good?")
    assert topic.review == Review.PENDING
    services.post_review(
        actor=personas.tier1, post=topic.posts.get(number=1), approve=True, reason="Fine"
    )
    topic.refresh_from_db()
    assert topic.review == Review.VISIBLE


def test_same_text_twice_from_a_new_member_is_held_as_spam(personas):
    topic = ask(personas.alice)
    reply(personas.carol, topic, "Buy cheap licences here")
    again = reply(personas.carol, topic, "Buy cheap licences here")
    assert again.review == Review.PENDING


def test_silenced_member_cannot_post_until_the_date(personas):
    services.member_restrict(
        actor=personas.tier2, member=personas.bob, action="silence",
        until=timezone.now() + timedelta(days=3), reason="Cooling off",
    )  # fmt: skip
    with pytest.raises(PermissionDenied) as error:
        ask(personas.bob)
    assert "silenced until" in str(error.value)


def test_suspended_member_cannot_vote(personas):
    topic = ask(personas.alice)
    answer = reply(personas.carol, topic)
    services.member_restrict(
        actor=personas.tier2, member=personas.bob, action="suspend",
        until=timezone.now() + timedelta(days=3), reason="Abuse",
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.post_vote(member=personas.bob, post=answer)


def test_restriction_needs_a_future_date_and_a_reason(personas):
    with pytest.raises(ValidationError):
        services.member_restrict(
            actor=personas.tier2, member=personas.bob, action="silence",
            until=timezone.now() - timedelta(days=1), reason="x",
        )  # fmt: skip
    with pytest.raises(ValidationError):
        services.member_restrict(
            actor=personas.tier2, member=personas.bob, action="silence",
            until=timezone.now() + timedelta(days=1), reason=" ",
        )  # fmt: skip


def test_hourly_limit_holds_back_a_flood(personas, settings):
    settings.COMMUNITY_POSTS_PER_HOUR = 3
    topic = ask(personas.alice)
    for n in range(2):
        reply(personas.alice, topic, f"Bump {n}")
    with pytest.raises(ValidationError) as error:
        reply(personas.alice, topic, "One more")
    assert "wait a little" in str(error.value)
