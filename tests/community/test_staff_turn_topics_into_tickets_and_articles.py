"""Staff turn a topic into a ticket (the poster is the requester, coverage decided by the
intake) and an answered question into a knowledge draft; both sides link to each other."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from charterdesk.community import services
from charterdesk.community.models import ActionKind, ModerationAction
from charterdesk.knowledge.models import ArticleState

from .helpers import ask, reply


def test_topic_becomes_a_ticket_of_the_poster(client, login, personas):
    topic = ask(personas.alice, "Export crashes with 500", body="Every export fails since Monday.")
    login(personas.tier1)
    response = client.post(
        f"/desk/community/topics/{topic.pk}/action",
        {"action": "to_ticket", "reason": "Looks like a bug"},
    )
    topic.refresh_from_db()
    ticket = topic.ticket
    assert response.status_code == 302 and ticket is not None
    assert ticket.requester == personas.alice.contact
    assert ticket.subject == "Export crashes with 500"
    assert ticket.coverage and ticket.coverage_reason  # decided by the intake
    assert ticket.events.filter(note__contains=f"community topic #{topic.pk}").exists()
    login(personas.alice)
    page = client.get(f"/community/t/{topic.pk}/").content.decode()
    assert f"request #{ticket.pk}" in page
    assert ModerationAction.objects.filter(kind=ActionKind.TO_TICKET, topic=topic).exists()
    portal = client.get(reverse("portal:tickets")).content.decode()
    assert "Export crashes with 500" in portal


def test_a_topic_becomes_one_ticket_only(personas):
    topic = ask(personas.alice)
    services.topic_to_ticket(actor=personas.tier1, topic=topic, reason="Bug")
    with pytest.raises(ValidationError):
        services.topic_to_ticket(actor=personas.tier1, topic=topic, reason="Again")


def test_answered_question_becomes_an_article_draft(personas):
    topic = ask(personas.alice, "Rotate the SAML certificate")
    answer = reply(personas.bob, topic, "Upload the new certificate in Settings, then switch.")
    services.answer_accept(actor=personas.alice, post=answer)
    topic.refresh_from_db()
    article = services.topic_to_article(actor=personas.tier2, topic=topic, reason="FAQ")
    assert article.state == ArticleState.DRAFT
    body = article.latest_version.body
    assert "Rotate the SAML certificate" in article.latest_version.title
    assert "Upload the new certificate" in body


def test_unanswered_question_cannot_become_an_article(personas):
    topic = ask(personas.alice)
    with pytest.raises(ValidationError):
        services.topic_to_article(actor=personas.tier2, topic=topic, reason="FAQ")
