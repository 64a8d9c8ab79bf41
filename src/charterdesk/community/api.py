"""The forum in the API: members read and write within their permissions (the same
selectors as the pages: a closed category is a 404), accept answers and flag; staff
moderate. Errors are problem+json."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from ninja import File, Query, Router
from ninja.files import UploadedFile
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.core.validators import Id

from . import services
from .attachments import attachment_get_for
from .models import ActionKind, Category, Post, PostAttachment, PostFlag, Topic
from .schemas import (
    CategoryOut,
    FlagIn,
    FlagOut,
    PostFileOut,
    PostFilters,
    PostIn,
    PostOut,
    PostPage,
    ReviewIn,
    TopicActionIn,
    TopicFilters,
    TopicIn,
    TopicOut,
    TopicPage,
    VoteOut,
)
from .selectors import (
    categories_visible_to,
    moderation_queue,
    post_get_for,
    posts_visible_to,
    topic_cursor,
    topic_get_for,
    topic_list,
    topic_opening_post_for,
)

router = Router(tags=["community"])


def _topic(topic: Topic) -> Topic:
    return topic


def _post(post: Post) -> Post:
    return post


@router.get("/community/categories", response=list[CategoryOut])
def list_categories(request: HttpRequest) -> list[Category]:
    return list(categories_visible_to(user_of(request)))


@router.get("/community/topics", response=TopicPage)
def list_topics(request: HttpRequest, filters: Query[TopicFilters]) -> dict[str, Any]:
    user = user_of(request)
    category = None
    if filters.category_id is not None:
        category = categories_visible_to(user).filter(pk=filters.category_id).first()
        if category is None:
            raise ValidationError({"category_id": "No category you may read has this id."})
    start = 0 if filters.after else (filters.page - 1) * filters.limit
    listed = topic_list(user, order=filters.order, category=category, after=filters.after)
    rows = list(listed[start : start + filters.limit + 1])
    more = len(rows) > filters.limit
    query = request.GET.copy()
    query.pop("page", None)
    if more:
        query["after"] = topic_cursor(rows[filters.limit - 1], filters.order)
    return {
        "items": [_topic(t) for t in rows[: filters.limit]],
        "next": request.build_absolute_uri(f"{request.path}?{query.urlencode()}") if more else None,
    }


@router.post("/community/topics", response={201: TopicOut})
def create_topic(request: HttpRequest, payload: TopicIn) -> Status[Topic]:
    user = user_of(request)
    category = categories_visible_to(user).filter(pk=payload.category_id).first()
    if category is None:
        raise ValidationError({"category_id": "No category you may post in has this id."})
    with transaction.atomic(durable=True):
        topic = services.topic_create(
            author=user,
            category=category,
            kind=payload.kind,
            title=payload.title,
            body=payload.body,
        )
    return Status(201, _topic(topic_get_for(user, topic.pk)))


@router.get("/community/topics/{topic_id}", response=TopicOut)
def get_topic(request: HttpRequest, topic_id: Id) -> Topic:
    return _topic(topic_get_for(user_of(request), topic_id))


@router.get("/community/topics/{topic_id}/posts", response=PostPage)
def list_posts(request: HttpRequest, topic_id: Id, filters: Query[PostFilters]) -> dict[str, Any]:
    user = user_of(request)
    topic = topic_get_for(user, topic_id)
    rows = list(posts_visible_to(user, topic).filter(number__gt=filters.after)[: filters.limit + 1])
    items = rows[: filters.limit]
    more = len(rows) > filters.limit and items
    path = f"{request.path}?after={items[-1].number}&limit={filters.limit}" if more else ""
    return {
        "items": [_post(p) for p in items],
        "next": request.build_absolute_uri(path) if path else None,
    }


@router.post("/community/topics/{topic_id}/posts", response={201: PostOut})
def create_post(request: HttpRequest, topic_id: Id, payload: PostIn) -> Status[Post]:
    user = user_of(request)
    topic = topic_get_for(user, topic_id)
    quoted = None
    if payload.reply_to is not None:
        quoted = posts_visible_to(user, topic).filter(pk=payload.reply_to).first()
        if quoted is None:
            raise ValidationError({"reply_to": "Quote a post of this topic."})
    with transaction.atomic(durable=True):
        post = services.reply_create(author=user, topic=topic, body=payload.body, reply_to=quoted)
    return Status(201, _post(post))


FILES_DOC = (
    "multipart/form-data, one `attachments` part per file: the checks of files sent with a "
    "post on the pages (how many, how large, the type sniffed from the bytes, members of "
    "trust level Basic up); the post's author or staff; at most "
    "COMMUNITY_ATTACHMENTS_PER_POST files on a post in all."
)


@router.post(
    "/community/posts/{post_id}/files", response={201: list[PostFileOut]}, description=FILES_DOC
)
def add_post_files(
    request: HttpRequest, post_id: Id, attachments: File[list[UploadedFile]]
) -> Status[list[PostAttachment]]:
    """Attach files to a post (a reply, or a topic's opening post)."""
    user = user_of(request)
    post = post_get_for(user, post_id)
    return Status(201, _files_add(user, post, attachments))


@router.post(
    "/community/topics/{topic_id}/files", response={201: list[PostFileOut]}, description=FILES_DOC
)
def add_topic_files(
    request: HttpRequest, topic_id: Id, attachments: File[list[UploadedFile]]
) -> Status[list[PostAttachment]]:
    """Attach files to a topic (its opening post)."""
    user = user_of(request)
    post = topic_opening_post_for(user, topic_get_for(user, topic_id))
    return Status(201, _files_add(user, post, attachments))


def _files_add(user: Any, post: Post, files: list[UploadedFile]) -> list[PostAttachment]:
    with transaction.atomic(durable=True):
        return services.post_files_add(actor=user, post=post, files=list(files))


@router.get("/community/posts/{post_id}/files", response=list[PostFileOut])
def list_post_files(request: HttpRequest, post_id: Id) -> list[PostAttachment]:
    return list(post_get_for(user_of(request), post_id).files.all())


@router.get(
    "/community/files/{file_id}",
    url_name="community_file",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file's bytes, always as a download.",
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            }
        }
    },
)
def download_file(request: HttpRequest, file_id: Id) -> HttpResponse:
    """A post's file, for those who may read the post (404 otherwise: a closed
    category's, a hidden or removed post's)."""
    item = attachment_get_for(user_of(request), file_id)
    response = HttpResponse(bytes(item.blob.data), content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, item.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@router.post("/community/posts/{post_id}/accept", response=TopicOut)
def accept_post(request: HttpRequest, post_id: Id) -> Topic:
    user = user_of(request)
    post = post_get_for(user, post_id)
    with transaction.atomic(durable=True):
        services.answer_accept(actor=user, post=post)
    return _topic(topic_get_for(user, post.topic_id))


@router.post("/community/posts/{post_id}/vote", response=VoteOut)
def vote_post(request: HttpRequest, post_id: Id) -> dict[str, bool]:
    user = user_of(request)
    post = post_get_for(user, post_id)
    with transaction.atomic(durable=True):
        return {"voted": services.post_vote(member=user, post=post)}


@router.post("/community/posts/{post_id}/flag", response={201: FlagOut})
def flag_post(request: HttpRequest, post_id: Id, payload: FlagIn) -> Status[PostFlag]:
    user = user_of(request)
    post = post_get_for(user, post_id)
    with transaction.atomic(durable=True):
        flag = services.post_flag(member=user, post=post, reason=payload.reason, note=payload.note)
    return Status(201, flag)


@router.get("/community/moderation", response=list[PostOut])
def list_queue(request: HttpRequest) -> list[Post]:
    """Staff: posts waiting for a moderator, oldest first (the first 100)."""
    return [_post(p) for p in moderation_queue(user_of(request))[:100]]


@router.post("/community/posts/{post_id}/review", response=PostOut)
def review_post(request: HttpRequest, post_id: Id, payload: ReviewIn) -> Post:
    user = user_of(request)
    post = post_get_for(user, post_id)
    with transaction.atomic(durable=True):
        services.post_review(actor=user, post=post, approve=payload.approve, reason=payload.reason)
    return _post(post_get_for(user, post_id))


@router.post("/community/topics/{topic_id}/actions", response=TopicOut)
def act_on_topic(request: HttpRequest, topic_id: Id, payload: TopicActionIn) -> Topic:
    """Staff: lock, unlock, pin, unpin, move (category_id), merge (into), to_ticket,
    to_article; each with a reason for the audit trail."""
    user = user_of(request)
    topic = topic_get_for(user, topic_id)
    with transaction.atomic(durable=True):
        topic = _act(user, topic, payload)
    return _topic(topic_get_for(user, topic.pk))


def _act(user: Any, topic: Topic, payload: TopicActionIn) -> Topic:
    action, reason = payload.action, payload.reason
    if action == ActionKind.TO_TICKET:
        services.topic_to_ticket(actor=user, topic=topic, reason=reason)
    elif action == ActionKind.TO_ARTICLE:
        services.topic_to_article(actor=user, topic=topic, reason=reason)
    elif action == ActionKind.MOVE:
        category = Category.objects.filter(pk=payload.category_id or 0).first()
        if category is None:
            raise ValidationError({"category_id": "Give the category to move the topic to."})
        services.topic_move(actor=user, topic=topic, category=category, reason=reason)
    elif action == ActionKind.MERGE:
        into = topic_get_for(user, payload.into or 0) if payload.into else None
        if into is None:
            raise ValidationError({"into": "Give the topic to merge into."})
        return services.topic_merge(actor=user, topic=topic, into=into, reason=reason)
    else:
        services.topic_set(actor=user, topic=topic, action=action, reason=reason)
    return topic
