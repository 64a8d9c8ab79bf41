from datetime import datetime
from typing import Any, Literal

from django.urls import reverse
from ninja import Field, Schema

from charterdesk.core.pagination import Limit
from charterdesk.core.validators import Id

KindName = Literal["question", "discussion"]
OrderName = Literal["latest", "unanswered", "top"]
ReasonName = Literal["spam", "offensive", "off_topic", "other"]
ActionName = Literal["lock", "unlock", "pin", "unpin", "move", "merge", "to_ticket", "to_article"]


class CategoryOut(Schema):
    id: int
    name: str
    slug: str
    description: str
    access: str


class TopicFilters(Schema):
    category_id: Id | None = None
    order: OrderName = "latest"
    after: str = Field(
        "",
        max_length=60,
        pattern=r"^(\d+\.\d+\.\d+)?$",
        description="The `next` link's cursor: the list after that topic (keyset paging).",
    )
    page: int = Field(1, ge=1, le=10_000, description="An offset page; `next` uses `after`.")
    limit: Limit = 25


class TopicIn(Schema):
    category_id: Id
    kind: KindName = "question"
    title: str = Field(..., max_length=200)
    body: str = Field(..., max_length=20_000)


class TopicOut(Schema):
    id: int
    category_id: int
    kind: str
    title: str
    author: str
    created_at: datetime
    last_posted_at: datetime
    reply_count: int
    accepted_post_id: int | None = Field(None, alias="accepted_id")
    pinned: bool
    locked: bool
    review: str
    ticket_id: int | None = None
    url: str

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return str(obj.author)

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return reverse("community:topic", args=[obj.pk])


class TopicPage(Schema):
    items: list[TopicOut]
    next: str | None


class PostFilters(Schema):
    after: int = Field(0, ge=0, le=2**31 - 1, description="Posts numbered after this one.")
    limit: Limit = 25


class PostIn(Schema):
    body: str = Field(..., max_length=20_000)
    reply_to: Id | None = None


class PostFileOut(Schema):
    """A file of a post: `url` downloads it (the same readers as the post)."""

    id: int
    filename: str
    content_type: str
    size: int
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return reverse("api-v1:community_file", args=[obj.pk])


class PostOut(Schema):
    id: int
    topic_id: int
    number: int
    author: str
    body: str
    by_staff: bool
    score: int
    review: str
    created_at: datetime
    edited_at: datetime | None
    files: list[PostFileOut]

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return str(obj.author)

    @staticmethod
    def resolve_files(obj: Any) -> list[Any]:
        return list(obj.files.all())


class PostPage(Schema):
    items: list[PostOut]
    next: str | None


class VoteOut(Schema):
    voted: bool


class FlagIn(Schema):
    reason: ReasonName
    note: str = Field("", max_length=500)


class FlagOut(Schema):
    id: int
    post_id: int
    reason: str


class ReviewIn(Schema):
    approve: bool
    reason: str = Field(..., max_length=500)


class TopicActionIn(Schema):
    action: ActionName
    reason: str = Field(..., max_length=500)
    category_id: Id | None = None
    into: Id | None = None
