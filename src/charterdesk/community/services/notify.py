"""Mail about the forum, through the outbox: @mentions, and new posts to the followers of
a topic (and new topics to the followers of a category). Only members who may read the
topic hear of it; each mail carries a signed link that stops it without signing in.

Members whose digest is "daily" get one mail a day instead (sweep.py); "off" gets none."""

from typing import Any

from django.core import signing
from django.db.models import Q
from django.urls import reverse

from charterdesk.accounts.models import User
from charterdesk.mail.outbox import mail_queue

from ..markup import mentioned_handles, plain_text
from ..models import Digest, Follow, Member, Post, Review
from ..selectors import topics_visible_to

SALT = "community.unsubscribe"


def unsubscribe_token(kind: str, pk: int) -> str:
    """A signed token for a follow ("follow") or all of a member's mail ("member")."""
    return signing.dumps([kind, pk], salt=SALT)


def from_token(token: str) -> tuple[str, int] | None:
    try:
        kind, pk = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return (kind, pk) if kind in ("follow", "member") and isinstance(pk, int) else None


def follow(*, member: User, topic_id: int | None = None, category_id: int | None = None) -> Follow:
    """Follow a topic or a category (the caller checked the member may read it)."""
    target = _target(topic_id, category_id)
    found, _ = Follow.objects.get_or_create(member=member, defaults=None, **target)
    return found


def unfollow(*, member: User, topic_id: int | None = None, category_id: int | None = None) -> None:
    Follow.objects.filter(member=member, **_target(topic_id, category_id)).delete()


def _target(topic_id: int | None, category_id: int | None) -> dict[str, Any]:
    if (topic_id is None) == (category_id is None):
        raise ValueError("Follow a topic or a category.")
    return {"topic_id": topic_id} if topic_id is not None else {"category_id": category_id or 0}


def new_post(post: Post) -> None:
    """Tell the mentioned and the followers about a post readers see (a held post is told
    when a moderator approves it)."""
    if post.review != Review.VISIBLE:
        return
    topic = post.topic
    follow(member=post.author, topic_id=topic.pk)
    mentioned = Member.objects.filter(handle__in=mentioned_handles(post.body)).select_related(
        "user"
    )
    told: set[int] = {post.author_id}
    for member in mentioned:
        if member.digest == Digest.OFF or member.user_id in told:
            continue
        if _may_read(member.user, topic.pk):
            told.add(member.user_id)
            _mail(member.user, post, "community/mail/mentioned", None)
    rule = Q(topic=topic)
    if post.is_opening:
        rule |= Q(category_id=topic.category_id)
    follows = (
        Follow.objects.filter(rule)
        .filter(  # no profile yet: the default, immediately
            Q(member__community_member__digest=Digest.IMMEDIATELY)
            | Q(member__community_member__isnull=True)
        )
        .select_related("member")
        .exclude(member_id__in=told)
    )
    for found in follows:
        if found.member_id in told:
            continue
        if _may_read(found.member, topic.pk):
            told.add(found.member_id)
            _mail(found.member, post, "community/mail/new_post", found)


def _may_read(user: User, topic_id: int) -> bool:
    return user.is_active and topics_visible_to(user).filter(pk=topic_id).exists()


def _mail(user: User, post: Post, template: str, follow_row: Follow | None) -> None:
    token = (
        unsubscribe_token("follow", follow_row.pk)
        if follow_row is not None
        else unsubscribe_token("member", user.pk)
    )
    mail_queue(
        to=user.email,
        template=template,
        context={
            "post": post,
            "topic": post.topic,
            "excerpt": plain_text(post.body)[:500],
            "topic_url": reverse("community:topic", args=[post.topic_id]),
            "unsubscribe_url": reverse("community:unsubscribe", args=[token]),
        },
    )
