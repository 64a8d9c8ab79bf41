"""Days visited and posts read count toward the trust levels: a visit is counted once a
day (one write, then the session remembers), read marks arrive in batches and each post
is counted once, and the member sees both on their standing page."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from charterdesk.community.models import Member, TrustLevel
from charterdesk.community.services.activity import posts_mark_read, visit_record
from charterdesk.community.services.rules import member_of, trust_recompute

from .helpers import ask, reply


@pytest.fixture
def thread(personas):
    topic = ask(personas.alice, "Exporting invoices")
    for n in range(4):
        reply(personas.tier1, topic, f"Step {n}: open Billing.")
    return topic


def test_a_day_is_counted_once(personas):
    day = date(2026, 12, 1)
    assert visit_record(user=personas.bob, day=day) is True
    assert visit_record(user=personas.bob, day=day) is False
    assert visit_record(user=personas.bob, day=day + timedelta(days=1)) is True
    member = Member.objects.get(user=personas.bob)
    assert (member.days_visited, member.last_visited_on) == (2, day + timedelta(days=1))


def test_pages_record_a_visit_once_per_session_and_day(client, login, personas, thread):
    login(personas.bob)
    client.get("/community/")
    client.get(f"/community/t/{thread.pk}/")
    assert Member.objects.get(user=personas.bob).days_visited == 1
    session = client.session
    assert session["community_visited_on"] == timezone.localdate().isoformat()


def test_read_marks_count_each_post_by_others_once(personas, thread):
    assert posts_mark_read(user=personas.bob, topic=thread, up_to=3) == 3
    assert posts_mark_read(user=personas.bob, topic=thread, up_to=2) == 0
    assert posts_mark_read(user=personas.bob, topic=thread, up_to=99) == 2
    assert Member.objects.get(user=personas.bob).posts_read == 5
    # alice's own opening post is not "read" by her
    assert posts_mark_read(user=personas.alice, topic=thread, up_to=5) == 4


def test_read_endpoint_takes_a_batch_and_checks_access(client, login, personas, thread):
    login(personas.bob)
    url = f"/community/t/{thread.pk}/read"
    assert client.post(url, {"up_to": "4"}).status_code == 204
    assert client.post(url, {"up_to": "soon"}).status_code == 400
    assert Member.objects.get(user=personas.bob).posts_read == 4
    client.logout()
    assert client.post(url, {"up_to": "5"}).status_code == 302  # to sign in


def test_promotion_waits_for_days_visited_and_posts_read(personas, thread, settings):
    settings.COMMUNITY_TRUST_BASIC = "1,0,0,2,3"
    reply(personas.carol, thread, "Thanks, that worked.")
    member = member_of(personas.carol)
    assert member.trust_level == TrustLevel.NEW
    visit_record(user=personas.carol, day=date(2026, 12, 1))
    visit_record(user=personas.carol, day=date(2026, 12, 2))
    assert member_of(personas.carol).trust_level == TrustLevel.NEW  # nothing read yet
    posts_mark_read(user=personas.carol, topic=thread, up_to=4)
    assert member_of(personas.carol).trust_level == TrustLevel.BASIC


def test_three_part_thresholds_still_work(personas, settings):
    settings.COMMUNITY_TRUST_BASIC = "1,0,0"
    member = member_of(personas.bob)
    member.posts = 1
    trust_recompute(member)
    assert member.trust_level == TrustLevel.BASIC


def test_the_member_sees_their_standing_and_what_is_missing(client, login, personas, thread,
                                                            settings):  # fmt: skip
    settings.COMMUNITY_TRUST_BASIC = "3,0,0,2,10"
    login(personas.bob)
    client.get(f"/community/t/{thread.pk}/")
    client.post(f"/community/t/{thread.pk}/read", {"up_to": "5"})
    page = client.get("/community/settings").content.decode()
    assert "Your standing" in page
    assert "<dt>Days visited</dt><dd>1</dd>" in page
    assert "<dt>Posts read</dt><dd>5</dd>" in page
    assert "For Basic: 3 more posts, 1 more days visited, 5 more posts read." in page


def test_staff_see_it_on_the_members_page(client, login, personas, thread):
    visit_record(user=personas.bob, day=date(2026, 12, 1))
    posts_mark_read(user=personas.bob, topic=thread, up_to=5)
    login(personas.tier1)
    page = client.get(f"/desk/community/members/{personas.bob.pk}").content.decode()
    assert "visited on 1 day, 5 posts read" in page
