"""Reads on the forum, each scoped to what the reader may see. Every page, feed, search
and API read of topics starts from `topics_visible_to`, the one rule about who reads what:

- a category's `access` says who may read it (staff read every category);
- a post waiting for a moderator (premoderated, or hidden by flags) is read by staff and by
  its author only; a removed one by staff only;
- a topic merged into another is read through the one it was merged into."""

from datetime import UTC, datetime

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.plans.selectors import contract_active_for

from .models import (
    Access,
    Category,
    ModerationAction,
    Post,
    PostFlag,
    PostRevision,
    PostVote,
    Review,
    Topic,
    TopicKind,
)

Reader = User | AnonymousUser | None
TOPICS_PER_PAGE = 30
POSTS_PER_PAGE = 20


def signed_in(reader: Reader) -> User | None:
    return reader if isinstance(reader, User) and reader.is_active else None


def is_staff(reader: Reader) -> bool:
    user = signed_in(reader)
    return user is not None and user.is_agent


def _access_rule(user: User | None) -> Q:
    if user is None:
        return Q(access=Access.EVERYONE)
    rule = Q(access__in=[Access.EVERYONE, Access.CUSTOMERS])
    contact = getattr(user, "contact", None)
    organization = contact.organization if contact is not None else None
    if organization is not None and organization.is_partner:
        rule |= Q(access=Access.PARTNERS)
    contract = contract_active_for(organization, timezone.localdate())
    if contract is not None:
        rule |= Q(access=Access.PLANS, plans=contract.plan_id)
    return rule


def categories_visible_to(reader: Reader) -> QuerySet[Category]:
    """The categories this reader may read (and post in)."""
    user = signed_in(reader)
    if user is not None and user.is_agent:
        return Category.objects.all()
    return Category.objects.filter(_access_rule(user)).distinct()


def _shown(user: User | None, prefix: str = "") -> Q:
    """Posts (or topics) a non-staff reader sees: visible ones, and their own pending ones."""
    rule = Q(**{f"{prefix}review": Review.VISIBLE})
    if user is not None:
        rule |= Q(**{f"{prefix}review": Review.PENDING, f"{prefix}author": user})
    return rule


def topics_visible_to(reader: Reader, *, merged: bool = False) -> QuerySet[Topic]:
    """The topics this reader may read; `merged=True` also those merged into another (a
    topic's page leads to the one it was merged into)."""
    user = signed_in(reader)
    topics = Topic.objects.all() if merged else Topic.objects.filter(merged_into__isnull=True)
    if user is not None and user.is_agent:
        return topics
    allowed = Category.objects.filter(_access_rule(user)).values("pk")
    return topics.filter(_shown(user), category_id__in=allowed)


def topic_get_for(reader: Reader, topic_id: int) -> Topic:
    """One topic the reader may read (Topic.DoesNotExist otherwise, never saying why)."""
    return (
        topics_visible_to(reader, merged=True)
        .select_related("category", "author", "accepted__author", "ticket")
        .get(pk=topic_id)
    )


def posts_visible_to(reader: Reader, topic: Topic) -> QuerySet[Post]:
    """The posts of a topic (one the reader may read) the reader sees, in order, each with
    whether the reader voted for it (`voted`) and flagged it (`flagged`), and its files:
    two queries for a page, however many posts."""
    user = signed_in(reader)
    posts = (
        topic.posts.select_related("author", "reply_to__author")
        .prefetch_related("files")
        .order_by("number")
    )
    if user is None:
        return posts.filter(review=Review.VISIBLE)
    if not user.is_agent:
        posts = posts.filter(_shown(user))
    return posts.annotate(
        voted=Exists(PostVote.objects.filter(post=OuterRef("pk"), member=user)),
        flagged=Exists(PostFlag.objects.filter(post=OuterRef("pk"), member=user)),
    )


def topic_opening_post_for(reader: Reader, topic: Topic) -> Post:
    """The opening post of a topic the reader may read (Post.DoesNotExist if it is hidden
    from them)."""
    return posts_readable_by(reader).select_related("topic").get(topic=topic, number=1)


def posts_readable_by(reader: Reader) -> QuerySet[Post]:
    """Every post the reader may read, in any topic."""
    user = signed_in(reader)
    posts = Post.objects.filter(topic__in=topics_visible_to(reader))
    if user is None or not user.is_agent:
        posts = posts.filter(_shown(user))
    return posts


def post_get_for(reader: Reader, post_id: int) -> Post:
    """One post the reader may read, with its topic (Post.DoesNotExist otherwise)."""
    return posts_readable_by(reader).select_related("topic__category", "author").get(pk=post_id)


class Listing:
    """The orders of the topic list."""

    LATEST = "latest"
    UNANSWERED = "unanswered"
    TOP = "top"
    ALL = (LATEST, UNANSWERED, TOP)


# Each list's order: (first column, its direction, the time column); then -id.
_ORDERS = {
    Listing.LATEST: ("pinned", "-", "last_posted_at"),
    Listing.TOP: ("reply_count", "-", "last_posted_at"),
    Listing.UNANSWERED: ("reply_count", "", "created_at"),
}
_MAX_CURSOR = 2**62


def topic_list(
    reader: Reader, *, order: str, category: Category | None = None, after: str = ""
) -> QuerySet[Topic]:
    """The topic list in one of the `Listing` orders: latest activity (pinned first),
    questions without a reply or accepted answer, or most replied. `after` (a
    `topic_cursor` of the last topic of a page) starts the list after that topic: keyset
    paging, each page one range of an index however deep (a cursor that does not parse
    starts at the top)."""
    topics = topics_visible_to(reader).select_related("category", "author")
    if category is not None:
        topics = topics.filter(category=category)
    if order == Listing.UNANSWERED:
        topics = topics.filter(kind=TopicKind.QUESTION, accepted__isnull=True)
    elif order not in _ORDERS:
        order = Listing.LATEST
    first, direction, at = _ORDERS[order]
    position = _cursor_parse(after)
    if position is not None:
        topics = topics.filter(_after(first, direction, at, position))
    return topics.order_by(f"{direction}{first}", f"-{at}", "-pk")


def topic_cursor(topic: Topic, order: str) -> str:
    """Where a page ends, for the next page's `after`: the topic's values in the list's
    order, as three integers (the time in microseconds since the epoch)."""
    first, _, at = _ORDERS.get(order, _ORDERS[Listing.LATEST])
    moment: datetime = getattr(topic, at)
    micros = int(moment.timestamp()) * 1_000_000 + moment.microsecond
    return f"{int(getattr(topic, first))}.{micros}.{topic.pk}"


def _cursor_parse(raw: str) -> tuple[int, datetime, int] | None:
    parts = raw.split(".") if raw and len(raw) <= 60 else []
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    first, micros, pk = (int(p) for p in parts)
    if max(first, micros, pk) >= _MAX_CURSOR or micros >= 253402300800 * 1_000_000:
        return None
    seconds, rest = divmod(micros, 1_000_000)
    return first, datetime.fromtimestamp(seconds, UTC).replace(microsecond=rest), pk


def _after(first: str, direction: str, at: str, position: tuple[int, datetime, int]) -> Q:
    """The topics after `position` in the order (first column, time desc, id desc), as a
    row-value comparison the database reads as a range of the list's index: (first, at,
    id) < (…) when all three descend; for the unanswered list (fewest replies first) the
    rows of the same count after the position, then those with more."""
    value, moment, pk = position
    stamp = connection.ops.adapt_datetimefield_value(moment)
    first_value: bool | int = bool(value) if first == "pinned" else value
    table = Topic._meta.db_table  # column names from _ORDERS only; values are parameters
    rest = RawSQL(  # noqa: S611
        f'("{table}"."{at}", "{table}"."id") < (%s, %s)', [stamp, pk], output_field=BooleanField()
    )
    if direction == "-":
        whole = RawSQL(  # noqa: S611
            f'("{table}"."{first}", "{table}"."{at}", "{table}"."id") < (%s, %s, %s)',
            [first_value, stamp, pk],
            output_field=BooleanField(),
        )
        return Q(whole)
    return Q(**{f"{first}__gt": first_value}) | (Q(**{first: first_value}) & Q(rest))


def moderation_queue(user: User) -> QuerySet[Post]:
    """Posts waiting for a moderator (held or hidden by flags), oldest first (staff)."""
    _require_staff(user)
    return (
        Post.objects.filter(review=Review.PENDING)
        .select_related("topic__category", "author")
        .prefetch_related("files")
        .order_by("created_at", "pk")
    )


def audit_trail(user: User) -> "QuerySet[ModerationAction]":
    _require_staff(user)
    return ModerationAction.objects.select_related("actor", "topic", "post", "member")


def revisions_of(user: User, post: Post) -> "QuerySet[PostRevision]":
    """A post's earlier texts, newest first (staff)."""
    _require_staff(user)
    return post.revisions.select_related("editor").order_by("-created_at", "-pk")


def _require_staff(user: User) -> None:
    if not user.is_agent:
        raise PermissionDenied("Moderation is for support staff.")
