"""Staff lock, pin, move and merge topics, each with a reason in the audit trail, and
read a post's edit history."""

import pytest
from django.core.exceptions import PermissionDenied

from charterdesk.community import services
from charterdesk.community.models import Access, ActionKind, ModerationAction

from .helpers import ask, category, reply


def test_pin_and_lock_from_the_topic_page(client, login, personas):
    topic = ask(personas.alice)
    ask(personas.bob, "A newer topic")
    login(personas.tier1)
    client.post(f"/desk/community/topics/{topic.pk}/action", {"action": "pin", "reason": "FAQ"})
    client.post(
        f"/desk/community/topics/{topic.pk}/action", {"action": "lock", "reason": "Answered"}
    )
    topic.refresh_from_db()
    assert topic.pinned and topic.locked
    listing = client.get("/community/").content.decode()
    assert listing.index("How do I export invoices?") < listing.index("A newer topic")
    kinds = set(ModerationAction.objects.filter(topic=topic).values_list("kind", flat=True))
    assert kinds == {ActionKind.PIN, ActionKind.LOCK}


def test_move_to_staff_only_hides_it_from_members(client, login, personas):
    topic = ask(personas.alice)
    staff = category("Staff room", Access.STAFF)
    services.topic_move(actor=personas.tier1, topic=topic, category=staff, reason="Internal")
    login(personas.alice)
    assert client.get(f"/community/t/{topic.pk}/").status_code == 404


def test_merge_moves_the_posts_and_redirects(client, login, personas):
    original = ask(personas.alice, "Export invoices")
    duplicate = ask(personas.bob, "Invoice export?")
    reply(personas.carol, duplicate, "Same question here")
    services.topic_merge(actor=personas.tier1, topic=duplicate, into=original, reason="Duplicate")
    original.refresh_from_db()
    assert original.reply_count == 2
    assert list(original.posts.values_list("number", flat=True)) == [1, 2, 3]
    login(personas.bob)
    response = client.get(f"/community/t/{duplicate.pk}/", follow=True)
    assert "Same question here" in response.content.decode()


def test_members_cannot_moderate(personas):
    topic = ask(personas.alice)
    with pytest.raises(PermissionDenied):
        services.topic_set(actor=personas.alice, topic=topic, action="pin", reason="Mine")


def test_staff_read_edit_history(client, login, personas):
    topic = ask(personas.alice, body="First wording")
    opening = topic.posts.get(number=1)
    services.post_edit(editor=personas.alice, post=opening, body="Second wording")
    login(personas.tier1)
    page = client.get(f"/desk/community/posts/{opening.pk}/history").content.decode()
    assert "First wording" in page and "Second wording" in page
    login(personas.bob)
    assert client.get(f"/desk/community/posts/{opening.pk}/history").status_code == 403
