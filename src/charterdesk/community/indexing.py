"""Topics in the search engine's document index (kind "community_topic"): the title, the
opening post and the accepted answer (or the best-voted replies), kept in step in the
writer's transaction. Readers' permissions are applied inside the query
(`topics_visible_to`), so a closed category never shows in anyone's results."""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from charterdesk.accounts.models import User
from charterdesk.search import documents
from charterdesk.search.documents import Document

from .markup import plain_text
from .models import Post, Review, Topic
from .selectors import topics_visible_to

KIND = "community_topic"
BODY_REPLIES = 3  # replies indexed besides the accepted answer: the best voted


def _indexable() -> QuerySet[Topic]:
    return Topic.objects.filter(review=Review.VISIBLE, merged_into__isnull=True)


def document_of(topic: Topic) -> Document:
    posts = Post.objects.filter(topic=topic, review=Review.VISIBLE)
    accepted_id = topic.accepted_id or 0
    opening = posts.filter(number=1).values_list("body", flat=True).first() or ""
    best = list(
        posts.exclude(number=1)
        .exclude(pk=accepted_id)
        .order_by("-score", "number")
        .values_list("body", flat=True)[:BODY_REPLIES]
    )
    accepted = posts.filter(pk=accepted_id).values_list("body", flat=True).first()
    parts = [opening, *([accepted] if accepted else []), *best]
    return Document(
        kind=KIND,
        object_id=topic.pk,
        title=topic.title,
        body=plain_text("\n\n".join(parts)),
        updated_at=topic.last_posted_at,
    )


def reindex(topic: Topic) -> None:
    """Put the topic in the index, or take it out when readers cannot see it."""
    if _indexable().filter(pk=topic.pk).exists():
        documents.upsert(document_of(topic))
    else:
        documents.remove(KIND, topic.pk)


def readable_topics(user: User | None) -> QuerySet[Topic, Any] | None:
    """`allowed` for documents.search: None (no check) for staff, else the reader's topics."""
    if user is not None and user.is_active and user.is_agent:
        return None
    return topics_visible_to(user).values("pk")


def _all() -> Iterator[Document]:
    for topic in _indexable().order_by("pk").iterator(chunk_size=500):
        yield document_of(topic)


def _url(topic_id: int) -> str:
    return reverse("community:topic", args=[topic_id])


def register() -> None:
    """`charterdesk search rebuild --kind community_topic` and GET /api/v1/search."""
    documents.register_kind(
        KIND,
        rebuild=_all,
        count=lambda: _indexable().count(),
        visible_to=readable_topics,
        url=_url,
    )
