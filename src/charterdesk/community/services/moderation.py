"""Moderation: members' flags (enough of them hide a post pending review), and what staff
do about posts, topics and members. Every action has a reason and an audit row
(ModerationAction)."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils import timezone

from charterdesk.accounts.models import User

from .. import indexing
from ..limits import FLAG, rate_check
from ..models import (
    ActionKind,
    Category,
    FlagReason,
    ModerationAction,
    Post,
    PostFlag,
    Review,
    Topic,
)
from . import notify
from .rules import check_not_suspended, member_of

REASON_MAX = 500


def _staff(actor: User) -> None:
    if not actor.is_agent:
        raise PermissionDenied("Moderation is for support staff.")


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why: the reason goes into the audit trail."})
    return reason[:REASON_MAX]


def _audit(kind: str, actor: User | None, reason: str, **about: object) -> ModerationAction:
    return ModerationAction.objects.create(kind=kind, actor=actor, reason=reason, **about)


def post_flag(*, member: User, post: Post, reason: str, note: str = "") -> PostFlag:
    """A member flags a post (once). At COMMUNITY_FLAGS_TO_HIDE open flags the post is
    hidden pending review (an opening post hides its topic). At most
    COMMUNITY_FLAGS_PER_HOUR flags a member an hour (RateLimitError past it)."""
    if reason not in FlagReason.values:
        raise ValidationError({"reason": "Choose why you flag this post."})
    if post.author_id == member.pk:
        raise ValidationError("You cannot flag your own post.")
    check_not_suspended(member)
    if PostFlag.objects.filter(post=post, member=member).exists():
        raise ValidationError("You already flagged this post.")
    rate_check(member, FLAG)
    flag = PostFlag.objects.create(post=post, member=member, reason=reason, note=note[:500])
    Post.objects.filter(pk=post.pk).update(flag_count=F("flag_count") + 1)
    post.refresh_from_db(fields=["flag_count", "review"])
    limit = settings.COMMUNITY_FLAGS_TO_HIDE
    if post.review == Review.VISIBLE and post.flag_count >= limit:
        _set_review(post, Review.PENDING)
        _audit(
            ActionKind.HIDE, None, f"{post.flag_count} flags from members", topic=post.topic,
            post=post,
        )  # fmt: skip
    return flag


def _set_review(post: Post, review: str) -> None:
    topic = post.topic
    was_visible = post.review == Review.VISIBLE
    post.review = review
    post.save(update_fields=["review"])
    if post.is_opening:
        topic.review = review
        topic.save(update_fields=["review"])
    elif was_visible != (review == Review.VISIBLE):
        step = 1 if review == Review.VISIBLE else -1
        Topic.objects.filter(pk=topic.pk).update(reply_count=F("reply_count") + step)
        if review != Review.VISIBLE and topic.accepted_id == post.pk:
            Topic.objects.filter(pk=topic.pk).update(accepted=None)
    topic.refresh_from_db()
    indexing.reindex(topic)


def post_review(*, actor: User, post: Post, approve: bool, reason: str) -> Post:
    """A moderator approves a held or hidden post (readers see it again, its flags are
    closed) or removes it (only staff see it)."""
    _staff(actor)
    reason = _reason(reason)
    first_time = post.review == Review.PENDING and not post.flags.exists()
    _set_review(post, Review.VISIBLE if approve else Review.REJECTED)
    post.flags.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    _audit(
        ActionKind.APPROVE if approve else ActionKind.REJECT, actor, reason, topic=post.topic,
        post=post,
    )  # fmt: skip
    if approve and first_time:
        notify.new_post(post)
    return post


def topic_set(*, actor: User, topic: Topic, action: str, reason: str) -> Topic:
    """Lock, unlock, pin or unpin a topic."""
    _staff(actor)
    reason = _reason(reason)
    fields: dict[str, tuple[str, bool]] = {
        ActionKind.LOCK: ("locked", True),
        ActionKind.UNLOCK: ("locked", False),
        ActionKind.PIN: ("pinned", True),
        ActionKind.UNPIN: ("pinned", False),
    }
    if action not in fields:
        raise ValidationError({"action": "Lock, unlock, pin or unpin."})
    field, value = fields[action]
    setattr(topic, field, value)
    topic.save(update_fields=[field])
    _audit(action, actor, reason, topic=topic)
    return topic


def topic_move(*, actor: User, topic: Topic, category: Category, reason: str) -> Topic:
    _staff(actor)
    reason = _reason(reason)
    old = topic.category
    topic.category = category
    topic.save(update_fields=["category"])
    _audit(ActionKind.MOVE, actor, f"{reason} (from {old} to {category})", topic=topic)
    return topic


def topic_merge(*, actor: User, topic: Topic, into: Topic, reason: str) -> Topic:
    """Move the posts of `topic` to the end of `into`, in their order; `topic` then leads
    readers to `into` (its address keeps working)."""
    _staff(actor)
    reason = _reason(reason)
    if topic.pk == into.pk:
        raise ValidationError({"into": "Merge a topic into another one."})
    target = Topic.objects.select_for_update().get(pk=into.pk)
    last = target.posts.order_by("-number").values_list("number", flat=True).first() or 0
    moved = list(topic.posts.order_by("number"))
    for offset, post in enumerate(moved, start=1):
        post.topic, post.number = target, last + offset + 100_000  # no clash while moving
    Post.objects.bulk_update(moved, ["topic", "number"])
    for offset, post in enumerate(moved, start=1):
        post.number = last + offset
    Post.objects.bulk_update(moved, ["number"])
    visible = sum(1 for p in moved if p.review == Review.VISIBLE)
    Topic.objects.filter(pk=target.pk).update(
        reply_count=F("reply_count") + visible,
        last_posted_at=max(target.last_posted_at, topic.last_posted_at),
    )
    topic.merged_into, topic.accepted = target, None
    topic.save(update_fields=["merged_into", "accepted"])
    _audit(ActionKind.MERGE, actor, f"{reason} (into #{target.pk})", topic=topic)
    indexing.reindex(topic)
    target.refresh_from_db()
    indexing.reindex(target)
    return target


def member_restrict(
    *, actor: User, member: User, action: str, until: datetime, reason: str
) -> None:
    """Silence (may read, not post) or suspend (may not post or vote) a member until a
    date."""
    _staff(actor)
    reason = _reason(reason)
    if until <= timezone.now():
        raise ValidationError({"until": "Give an end date in the future."})
    if member.is_agent:
        raise ValidationError({"member": "Staff are not silenced or suspended here."})
    profile = member_of(member)
    if action == ActionKind.SILENCE:
        profile.silenced_until = until
    elif action == ActionKind.SUSPEND:
        profile.suspended_until = until
    else:
        raise ValidationError({"action": "Silence or suspend."})
    profile.save(update_fields=["silenced_until", "suspended_until"])
    _audit(action, actor, f"{reason} (until {until:%Y-%m-%d %H:%M})", member=member)
