"""What a member's reading earns: days visited (one conditional UPDATE per member and
day; the pages remember the day in the session so they ask at most once a day) and posts
read (the topic page sends the highest post number read in a batch; each post is counted
once). Both feed the trust levels."""

from datetime import date

from django.db.models import F, Q

from charterdesk.accounts.models import User

from ..models import Member, Post, Review, Topic, TopicRead
from .rules import member_of, trust_recompute


def visit_record(*, user: User, day: date) -> bool:
    """Count `day` as a day the user visited the forum, once. Returns whether it was new."""
    counted = Member.objects.filter(
        Q(last_visited_on__isnull=True) | Q(last_visited_on__lt=day), user=user
    ).update(days_visited=F("days_visited") + 1, last_visited_on=day)
    if not counted:
        if Member.objects.filter(user=user).exists():
            return False  # already counted today
        member = member_of(user)
        member.days_visited, member.last_visited_on = 1, day
    else:
        member = Member.objects.get(user=user)
    trust_recompute(member)
    return True


def posts_mark_read(*, user: User, topic: Topic, up_to: int) -> int:
    """The reader has read `topic` up to post number `up_to` (a topic the reader may
    read; the caller fetched it through a selector). Counts the visible posts by others
    not counted before into Member.posts_read; returns how many."""
    mark, _ = TopicRead.objects.select_for_update().get_or_create(user=user, topic=topic)
    if up_to <= mark.last_number:
        return 0
    new = (
        Post.objects.filter(
            topic=topic, number__gt=mark.last_number, number__lte=up_to, review=Review.VISIBLE
        )
        .exclude(author=user)
        .count()
    )
    last = Post.objects.filter(topic=topic, number__lte=up_to).order_by("-number")
    mark.last_number = last.values_list("number", flat=True).first() or mark.last_number
    mark.save(update_fields=["last_number"])
    if new:
        member = member_of(user)
        member.posts_read += new
        trust_recompute(member)
    return new
