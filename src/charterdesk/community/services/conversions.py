"""Staff turn a topic into a ticket (the poster becomes the requester, coverage decided by
the intake as for any request) or an answered question into a knowledge article draft
(the knowledge lifecycle takes over from there). Both leave a trace on each side."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from charterdesk.accounts.models import User
from charterdesk.core.vocabulary import Channel
from charterdesk.intake.services import intake_prepare, intake_record
from charterdesk.knowledge.models import Article
from charterdesk.knowledge.models import Visibility as ArticleVisibility
from charterdesk.knowledge.services import article_create
from charterdesk.tickets.models import EventKind, Ticket
from charterdesk.tickets.services.history import record

from ..models import ActionKind, Post, Review, Topic
from .moderation import _audit, _reason, _staff
from .posting import reply_create


def _opening(topic: Topic) -> Post:
    return topic.posts.get(number=1)


def topic_to_ticket(*, actor: User, topic: Topic, reason: str) -> Ticket:
    """A ticket from the topic's opening post, requested by its poster (who must be a
    customer's contact); a staff reply in the topic and a history line on the ticket link
    the two."""
    _staff(actor)
    reason = _reason(reason)
    if topic.ticket_id is not None:
        raise ValidationError(f"This topic is already request #{topic.ticket_id}.")
    contact = getattr(topic.author, "contact", None)
    if contact is None:
        raise ValidationError("The poster is not a customer's contact: no ticket to open.")
    url = reverse("community:topic", args=[topic.pk])
    body = f"{_opening(topic).body}\n\n(From the community topic {url})"
    ticket = intake_record(
        intake_prepare(
            requester=contact, subject=topic.title, body=body, channel=Channel.PORTAL, actor=actor
        )
    )
    record(
        ticket, actor, EventKind.NOTED, note=f"Opened from community topic #{topic.pk}: {url}",
        internal=True,
    )  # fmt: skip
    topic.ticket = ticket
    topic.save(update_fields=["ticket"])
    reply_create(
        author=actor,
        topic=topic,
        body=f"Our support team took this up as request #{ticket.pk}; "
        "the poster follows it in the portal.",
    )
    _audit(ActionKind.TO_TICKET, actor, f"{reason} (request #{ticket.pk})", topic=topic)
    return ticket


def topic_to_article(*, actor: User, topic: Topic, reason: str) -> Article:
    """A knowledge article draft with the question and its accepted answer."""
    _staff(actor)
    reason = _reason(reason)
    accepted = topic.accepted
    if accepted is None or accepted.review != Review.VISIBLE:
        raise ValidationError("Draft an article from an answered question.")
    body = "\n\n".join(["## The question", _opening(topic).body, "## The answer", accepted.body])
    article = article_create(
        author=actor, title=topic.title, body=body, visibility=ArticleVisibility.CUSTOMERS
    )
    topic.article = article
    topic.save(update_fields=["article"])
    _audit(ActionKind.TO_ARTICLE, actor, f"{reason} (article #{article.pk})", topic=topic)
    return article
