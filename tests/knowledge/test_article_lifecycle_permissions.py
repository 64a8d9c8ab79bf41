"""Draft -> in review -> published -> archived: an agent writes and sends for review, a
reviewer other than the author publishes, only a support manager publishes a draft
directly; a published article saved again carries a staged version readers do not see."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.accounts.models import Role, User
from charterdesk.knowledge.models import ArticleState
from charterdesk.knowledge.selectors import article_get_for
from charterdesk.knowledge.services import (
    article_archive,
    article_create,
    article_publish,
    article_save,
    article_send_back,
    article_submit,
)
from charterdesk.mail.models import OutboundMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(personas):
    return User.objects.create_user(
        "lead@charterdesk.example", "x", role=Role.TEAM_LEAD, name="Lee"
    )


def draft(author, title="Rotate the SAML certificate"):
    return article_create(author=author, title=title, body="Open **Security** → SSO.")


def test_agent_cannot_publish_a_draft_directly(personas):
    article = draft(personas.tier1)
    with pytest.raises(PermissionDenied, match="review"):
        article_publish(article, personas.tier1)
    assert article.state == ArticleState.DRAFT


def test_manager_publishes_a_draft_directly(personas):
    article = draft(personas.tier1)
    article_publish(article, personas.manager)
    assert article_get_for(None, article.pk).live_version.title == "Rotate the SAML certificate"


def test_reviewer_publishes_after_review_and_is_told(personas, lead):
    article = draft(personas.tier1)
    article_submit(article, personas.tier1, reviewer=lead)
    assert article.state == ArticleState.IN_REVIEW
    assert OutboundMail.objects.filter(recipient=lead.email, subject__contains="Review").exists()
    with pytest.raises(PermissionDenied):
        article_publish(article, personas.tier2)  # an agent is no reviewer
    article_publish(article, lead)
    assert article.state == ArticleState.PUBLISHED
    assert mail.outbox is not None


def test_reviewer_cannot_approve_their_own_changes(lead):
    article = draft(lead)
    article_submit(article, lead)
    with pytest.raises(PermissionDenied, match="Another reviewer"):
        article_publish(article, lead)


def test_sent_back_article_is_a_draft_with_the_reviewers_note(personas, lead):
    article = draft(personas.tier1)
    article_submit(article, personas.tier1)
    with pytest.raises(ValidationError):
        article_send_back(article, lead, note=" ")
    article_send_back(article, lead, note="Add a screenshot of the SSO page.")
    assert article.state == ArticleState.DRAFT
    assert article.review_note == "Add a screenshot of the SSO page."


def test_staged_version_waits_until_published(personas):
    article = draft(personas.tier1)
    article_publish(article, personas.manager)
    article_save(
        article, author=personas.tier1, title="Rotate the SAML certificate", body="New steps."
    )
    readers_see = article_get_for(personas.alice, article.pk)
    assert readers_see.has_staged_version
    assert readers_see.live_version.body == "Open **Security** → SSO."
    article_submit(article, personas.tier1)
    article_publish(article, personas.manager)
    assert article_get_for(personas.alice, article.pk).live_version.body == "New steps."


def test_agent_cannot_archive_and_customer_cannot_write(personas):
    article = draft(personas.tier1)
    with pytest.raises(PermissionDenied):
        article_archive(article, personas.tier1)
    with pytest.raises(PermissionDenied):
        draft(personas.alice)
