"""Writing in the forum: topics, replies, edits, votes and accepted answers. Each service
runs in the caller's transaction; mail goes through the outbox on commit."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import F
from django.utils import timezone

from charterdesk.accounts.models import User

from .. import indexing
from ..attachments import attachments_add, check_attachments
from ..limits import VOTE, rate_check
from ..models import (
    ActionKind,
    Category,
    Member,
    ModerationAction,
    Post,
    PostAttachment,
    PostRevision,
    PostVote,
    Review,
    Topic,
    TopicKind,
    TrustLevel,
)
from ..selectors import categories_visible_to
from . import notify
from .rules import (
    check_content,
    check_may_post,
    check_not_suspended,
    held_for_review,
    member_of,
    trust_recompute,
)


def _prepare(
    author: User, body: str, now: datetime, title: str | None = None, files: list | None = None
) -> tuple[Member, str]:
    member = member_of(author)
    check_may_post(member, now)
    check_content(member, body, title)
    check_attachments(member, files or [])
    return member, held_for_review(member, body, now)


def _held(post: Post, reason: str) -> None:
    ModerationAction.objects.create(
        kind=ActionKind.HIDE, actor=None, reason=reason, topic=post.topic, post=post
    )


def topic_create(
    *,
    author: User,
    category: Category,
    title: str,
    body: str,
    kind: str = TopicKind.QUESTION,
    attachments: list[UploadedFile] | None = None,
    at: datetime | None = None,
) -> Topic:
    """A new topic with its opening post and its files (pages, API, demo). A post held
    for a moderator (premoderation, spam check) is seen by its author and staff only
    until approved."""
    now = at or timezone.now()
    if not categories_visible_to(author).filter(pk=category.pk).exists():
        raise PermissionDenied("You cannot post in this category.")
    if kind not in TopicKind.values:
        raise ValidationError({"kind": "A topic is a question or a discussion."})
    member, hold = _prepare(author, body, now, title, attachments)
    review = Review.PENDING if hold else Review.VISIBLE
    topic = Topic.objects.create(
        category=category,
        kind=kind,
        title=title.strip(),
        author=author,
        created_at=now,
        last_posted_at=now,
        review=review,
    )
    post = Post.objects.create(
        topic=topic, number=1, author=author, body=body, created_at=now,
        by_staff=author.is_agent, review=review,
    )  # fmt: skip
    attachments_add(post, attachments or [])
    if hold:
        _held(post, hold)
    member.posts += 1
    trust_recompute(member)
    indexing.reindex(topic)
    notify.new_post(post)
    return topic


def reply_create(
    *,
    author: User,
    topic: Topic,
    body: str,
    reply_to: Post | None = None,
    attachments: list[UploadedFile] | None = None,
    at: datetime | None = None,
) -> Post:
    """A reply to a topic the author may read (the caller fetched it through a selector).
    Staff may reply to a locked topic; members may not."""
    now = at or timezone.now()
    if topic.merged_into_id is not None:
        raise ValidationError({"body": "This topic was merged: reply in the one it joined."})
    if topic.locked and not author.is_agent:
        raise PermissionDenied("This topic is locked: it takes no more replies.")
    if reply_to is not None and reply_to.topic_id != topic.pk:
        raise ValidationError({"reply_to": "Quote a post of this topic."})
    member, hold = _prepare(author, body, now, files=attachments)
    locked = Topic.objects.select_for_update().get(pk=topic.pk)
    number = (locked.posts.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    post = Post.objects.create(
        topic=locked, number=number, author=author, body=body, created_at=now,
        by_staff=author.is_agent, reply_to=reply_to,
        review=Review.PENDING if hold else Review.VISIBLE,
    )  # fmt: skip
    attachments_add(post, attachments or [])
    if hold:
        _held(post, hold)
    else:
        _count_reply(locked, post)
    member.posts += 1
    trust_recompute(member)
    notify.new_post(post)
    return post


def _count_reply(topic: Topic, post: Post) -> None:
    """A reply readers now see: the topic's counters and its place in the lists."""
    changes = {"reply_count": F("reply_count") + 1, "last_posted_at": post.created_at}
    if topic.first_reply_at is None and post.author_id != topic.author_id:
        changes["first_reply_at"] = post.created_at
    Topic.objects.filter(pk=topic.pk).update(**changes)
    topic.refresh_from_db()
    indexing.reindex(topic)


def post_edit(*, editor: User, post: Post, body: str, title: str | None = None) -> Post:
    """Change a post's text (its author, or staff) and, on the opening post, the topic's
    title (also leaders: they tidy others' titles). The text before is kept for staff."""
    member = member_of(editor)
    own = post.author_id == editor.pk
    if not (own or editor.is_agent):
        leader = member.trust_level >= TrustLevel.LEADER
        if not (leader and post.is_opening and title is not None and body == post.body):
            raise PermissionDenied("You may edit your own posts only.")
    topic = post.topic
    if title is not None and not post.is_opening:
        raise ValidationError({"title": "Only the opening post carries the title."})
    check_content(member, body, title)
    PostRevision.objects.create(
        post=post, editor=editor, title=topic.title if post.is_opening else "", body=post.body
    )
    post.body, post.edited_at = body, timezone.now()
    post.save(update_fields=["body", "edited_at"])
    if title is not None:
        topic.title = title.strip()
        topic.save(update_fields=["title"])
    indexing.reindex(topic)
    return post


def post_vote(*, member: User, post: Post) -> bool:
    """Vote for a reply, or take the vote back: one vote per member, not on one's own
    posts, within COMMUNITY_VOTES_PER_HOUR (RateLimitError past it; taking a vote back
    counts too). Returns whether the member now votes for it."""
    if post.author_id == member.pk:
        raise ValidationError("You cannot vote for your own post.")
    check_not_suspended(member)
    rate_check(member, VOTE)
    deleted, _ = PostVote.objects.filter(post=post, member=member).delete()
    step = -1 if deleted else 1
    if not deleted:
        PostVote.objects.create(post=post, member=member)
    Post.objects.filter(pk=post.pk).update(score=F("score") + step)
    author = member_of(post.author)
    author.likes_received = max(0, author.likes_received + step)
    trust_recompute(author)
    return not deleted


def answer_accept(*, actor: User, post: Post) -> Topic:
    """Mark a reply as the answer of its question (the asker or staff); choosing another
    reply moves the mark; accepting the accepted one takes the mark off."""
    topic = post.topic
    if not topic.is_question:
        raise ValidationError("Only a question has an accepted answer.")
    if not (actor.pk == topic.author_id or actor.is_agent):
        raise PermissionDenied("The asker or support staff choose the answer.")
    if post.is_opening or post.review != Review.VISIBLE:
        raise ValidationError("Choose a visible reply as the answer.")
    previous = topic.accepted
    if previous is not None:
        _credit(previous.author, -1)
    topic.accepted = None if previous == post else post
    topic.save(update_fields=["accepted"])
    if topic.accepted is not None:
        _credit(post.author, 1)
    indexing.reindex(topic)
    return topic


def _credit(user: User, step: int) -> None:
    member = member_of(user)
    member.accepted_answers = max(0, member.accepted_answers + step)
    trust_recompute(member)


def post_files_add(*, actor: User, post: Post, files: list[UploadedFile]) -> list[PostAttachment]:
    """Attach files to a post after it was written (the API's upload: a post is created
    as JSON, then its files follow): its author or staff, never on a locked topic (staff
    may), with the same checks as files sent with a post (attachments.check_attachments)
    and at most COMMUNITY_ATTACHMENTS_PER_POST on the post in all. The caller fetched
    `post` through a selector, so the actor reads it."""
    if post.author_id != actor.pk and not actor.is_agent:
        raise PermissionDenied("Only the post's author or support staff add files to it.")
    if post.review == Review.REJECTED:
        raise PermissionDenied("This post was removed by a moderator.")
    if post.topic.locked and not actor.is_agent:
        raise PermissionDenied("This topic is locked: it takes no more files.")
    if not files:
        raise ValidationError({"attachments": "Choose at least one file."})
    check_not_suspended(actor)
    check_attachments(member_of(actor), files)
    # Lock the post so two uploads at once cannot both pass the count.
    Post.objects.select_for_update().filter(pk=post.pk).first()
    limit = settings.COMMUNITY_ATTACHMENTS_PER_POST
    kept = PostAttachment.objects.filter(post=post).count()
    if kept + len(files) > limit:
        raise ValidationError(
            {"attachments": f"A post has at most {limit} files; this one has {kept} already."}
        )
    return attachments_add(post, files)
