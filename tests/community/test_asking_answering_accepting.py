"""The life of a question: asked, answered (staff replies marked), voted, accepted."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.community import services

from .helpers import ask, reply


def test_question_is_answered_and_the_asker_accepts(client, login, personas):
    topic = ask(personas.alice)
    answer = reply(personas.bob, topic)
    login(personas.alice)
    response = client.post(f"/community/p/{answer.pk}/accept", follow=True)
    page = response.content.decode()
    assert "Accepted answer" in page
    topic.refresh_from_db()
    assert topic.accepted_id == answer.pk
    login(personas.bob)
    listing = client.get("/community/").content.decode()
    assert "Answered" in listing


def test_only_the_asker_or_staff_accept(personas):
    topic = ask(personas.alice)
    answer = reply(personas.tier1, topic)
    with pytest.raises(PermissionDenied):
        services.answer_accept(actor=personas.bob, post=answer)
    services.answer_accept(actor=personas.tier2, post=answer)
    topic.refresh_from_db()
    assert topic.accepted_id == answer.pk


def test_one_accepted_answer_moves_to_the_newly_chosen(personas):
    topic = ask(personas.alice)
    first, second = reply(personas.bob, topic), reply(personas.tier1, topic, "Use the API.")
    services.answer_accept(actor=personas.alice, post=first)
    services.answer_accept(actor=personas.alice, post=second)
    topic.refresh_from_db()
    assert topic.accepted_id == second.pk


def test_staff_replies_are_marked(client, login, personas):
    topic = ask(personas.alice)
    reply(personas.tier1, topic)
    login(personas.bob)
    page = client.get(f"/community/t/{topic.pk}/").content.decode()
    assert '<span class="badge staff">Staff</span>' in page


def test_one_vote_per_member_and_not_for_oneself(personas):
    topic = ask(personas.alice)
    answer = reply(personas.bob, topic)
    assert services.post_vote(member=personas.alice, post=answer) is True
    assert services.post_vote(member=personas.alice, post=answer) is False  # taken back
    services.post_vote(member=personas.alice, post=answer)
    services.post_vote(member=personas.tier1, post=answer)
    answer.refresh_from_db()
    assert answer.score == 2
    with pytest.raises(ValidationError):
        services.post_vote(member=personas.bob, post=answer)


def test_reply_through_the_page_with_markdown_sanitized(client, login, personas):
    topic = ask(personas.alice)
    login(personas.bob)
    body = "Try **bold** <script>alert(1)</script> [x](javascript:alert(1))"
    response = client.post(f"/community/t/{topic.pk}/reply", {"body": body}, follow=True)
    page = response.content.decode()
    assert "<strong>bold</strong>" in page
    assert "<script>alert(1)" not in page
    assert 'href="javascript:' not in page


def test_locked_topic_takes_no_member_replies(personas):
    topic = ask(personas.alice)
    services.topic_set(actor=personas.tier1, topic=topic, action="lock", reason="Resolved")
    with pytest.raises(PermissionDenied):
        reply(personas.bob, topic)
    reply(personas.tier1, topic, "Staff may still add a note.")


def test_empty_reply_is_a_form_error(client, login, personas):
    topic = ask(personas.alice)
    login(personas.bob)
    response = client.post(f"/community/t/{topic.pk}/reply", {"body": "  "})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


def test_new_topic_page_creates_a_question(client, login, personas):
    from .helpers import category

    general = category()
    login(personas.bob)
    response = client.post(
        "/community/new",
        {"category": general.pk, "kind": "question", "title": "SAML login fails", "body": "Why?"},
        follow=True,
    )
    assert "SAML login fails" in response.content.decode()
