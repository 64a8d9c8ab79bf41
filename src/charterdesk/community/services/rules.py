"""The rules a post passes before it is written: the member may post (not silenced or
suspended, under the hourly limit), what their trust level allows (links, images), and
whether it waits for a moderator (premoderation, spam heuristics)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charterdesk.accounts.models import User

from ..markup import has_images, has_links
from ..models import Member, Post, TrustLevel

TITLE_MAX = 200
BODY_MAX = 20_000


def member_of(user: User) -> Member:
    """The user's community profile, made on first use with a unique @handle."""
    member = Member.objects.filter(user=user).first()
    if member is not None:
        return member
    base = "".join(c for c in user.email.split("@")[0].lower() if c.isalnum() or c in "._-")
    base = (base or "member")[:30]
    handle, n = base, 1
    while Member.objects.filter(handle=handle).exists():
        n += 1
        handle = f"{base}{n}"
    level = TrustLevel.LEADER if user.is_agent else TrustLevel.NEW
    return Member.objects.create(user=user, handle=handle, trust_level=level)


def check_may_post(member: Member, now: datetime) -> None:
    """PermissionDenied, saying why, for a silenced or suspended member; ValidationError
    past the hourly limit."""
    for until, what in ((member.suspended_until, "suspended"), (member.silenced_until, "silenced")):
        if until is not None and until > now:
            raise PermissionDenied(
                f"You are {what} until {timezone.localtime(until):%d %b %Y %H:%M}."
            )
    if member.user.is_agent:
        return
    recent = Post.objects.filter(author=member.user, created_at__gte=now - timedelta(hours=1))
    if recent.count() >= settings.COMMUNITY_POSTS_PER_HOUR:
        raise ValidationError(
            {"body": "You have posted a lot in the last hour; please wait a little."}
        )


def check_not_suspended(user: User, now: datetime | None = None) -> None:
    """A suspended member may not vote or flag either."""
    until = Member.objects.filter(user=user).values_list("suspended_until", flat=True).first()
    if until is not None and until > (now or timezone.now()):
        raise PermissionDenied(
            f"You are suspended until {timezone.localtime(until):%d %b %Y %H:%M}."
        )


def check_content(member: Member, body: str, title: str | None = None) -> None:
    """Field errors for an empty or too long text, and for links or images a member's
    trust level does not allow yet (basic and above post links, member and above images)."""
    errors: dict[str, str] = {}
    if title is not None and not title.strip():
        errors["title"] = "Give the topic a title."
    elif title is not None and len(title) > TITLE_MAX:
        errors["title"] = f"Keep the title under {TITLE_MAX} characters."
    if not body.strip():
        errors["body"] = "Write something."
    elif len(body) > BODY_MAX:
        errors["body"] = f"Keep a post under {BODY_MAX} characters."
    elif member.trust_level < TrustLevel.BASIC and has_links(body):
        errors["body"] = "New members cannot post links yet; take part a little first."
    elif member.trust_level < TrustLevel.MEMBER and has_images(body):
        errors["body"] = "Images come with the trust level Member; post the text for now."
    if errors:
        raise ValidationError(errors)


def held_for_review(member: Member, body: str, now: datetime) -> str:
    """Why a post waits for a moderator (empty: it does not). Premoderation: the first
    posts of members who are not a customer's contact (public sign-ups). Spam: a new
    member (below the level Member) posting the same text again within a day."""
    user = member.user
    if user.is_agent:
        return ""
    first = member.posts < settings.COMMUNITY_PREMODERATE_FIRST_POSTS
    if first and getattr(user, "contact", None) is None:
        return "First post of a new member (premoderation)."
    if member.trust_level < TrustLevel.MEMBER:
        since = now - timedelta(days=1)
        if Post.objects.filter(author=user, created_at__gte=since, body=body).exists():
            return "The same text posted again by a new member (spam check)."
    return ""


THRESHOLD_PARTS = ("posts", "accepted_answers", "likes_received", "days_visited", "posts_read")


def thresholds() -> list[tuple[TrustLevel, tuple[int, ...]]]:
    """(level, (posts, accepted answers, likes received, days visited, posts read)) from
    the settings, highest level first. A setting may give only the first parts (the
    three-part form of earlier releases): the missing ones are 0."""
    raw = [
        (TrustLevel.LEADER, settings.COMMUNITY_TRUST_LEADER),
        (TrustLevel.MEMBER, settings.COMMUNITY_TRUST_MEMBER),
        (TrustLevel.BASIC, settings.COMMUNITY_TRUST_BASIC),
    ]
    out = []
    for level, text in raw:
        parts = [int(part) for part in text.split(",")]
        parts += [0] * (len(THRESHOLD_PARTS) - len(parts))
        out.append((level, tuple(parts[: len(THRESHOLD_PARTS)])))
    return out


def trust_recompute(member: Member) -> None:
    """Raise the member's trust level to what their activity earned (never lowers it:
    staff lower it by silencing). Saves the member."""
    earned = TrustLevel.NEW
    for level, needed in thresholds():
        have = [getattr(member, name) for name in THRESHOLD_PARTS]
        if all(h >= n for h, n in zip(have, needed, strict=True)):
            earned = level
            break
    if earned > member.trust_level:
        member.trust_level = earned
    member.save()


PART_WORDS = {
    "posts": "posts",
    "accepted_answers": "accepted answers",
    "likes_received": "votes received",
    "days_visited": "days visited",
    "posts_read": "posts read",
}


def trust_progress(member: Member) -> dict[str, object] | None:
    """What the member still needs for the next level ({"label", "missing": ["2 more
    days visited", …]}), or None at the top or when nothing is missing."""
    above = [(lvl, need) for lvl, need in thresholds() if lvl > member.trust_level]
    if not above:
        return None
    level, needed = above[-1]  # thresholds() is highest first: the next one up is last
    missing = [
        f"{n - getattr(member, name)} more {PART_WORDS[name]}"
        for name, n in zip(THRESHOLD_PARTS, needed, strict=True)
        if getattr(member, name) < n
    ]
    return {"label": TrustLevel(level).label, "missing": missing} if missing else None
