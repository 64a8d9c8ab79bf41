"""Records around posts: members' profiles, votes, flags, edit history and the audit
trail of moderation."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class TrustLevel(models.IntegerChoices):
    NEW = 0, "New"
    BASIC = 1, "Basic"
    MEMBER = 2, "Member"
    LEADER = 3, "Leader"


class Digest(models.TextChoices):
    IMMEDIATELY = "immediately", "Immediately"
    DAILY = "daily", "Once a day"
    OFF = "off", "Never"


class Member(models.Model):
    """A person's standing in the community (made on their first post)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_member"
    )
    handle = models.CharField(max_length=40, unique=True, help_text="For @mentions.")
    trust_level = models.PositiveSmallIntegerField(
        choices=TrustLevel.choices, default=TrustLevel.NEW
    )
    posts = models.PositiveIntegerField(default=0)
    accepted_answers = models.PositiveIntegerField(default=0)
    likes_received = models.PositiveIntegerField(default=0)
    days_visited = models.PositiveIntegerField(default=0)
    last_visited_on = models.DateField(null=True, blank=True)
    posts_read = models.PositiveIntegerField(default=0)
    silenced_until = models.DateTimeField(null=True, blank=True)
    suspended_until = models.DateTimeField(null=True, blank=True)
    digest = models.CharField(max_length=16, choices=Digest.choices, default=Digest.IMMEDIATELY)
    digest_sent_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "community_member"

    def __str__(self) -> str:
        return str(self.user)


class PostVote(models.Model):
    post = models.ForeignKey("community.Post", on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "member"], name="one_vote_per_member"),
        ]

    def __str__(self) -> str:
        return f"vote {self.member_id} on {self.post_id}"


class FlagReason(models.TextChoices):
    SPAM = "spam", "Spam or advertising"
    OFFENSIVE = "offensive", "Rude or offensive"
    OFF_TOPIC = "off_topic", "Off topic"
    OTHER = "other", "Something else"


class PostFlag(models.Model):
    post = models.ForeignKey("community.Post", on_delete=models.CASCADE, related_name="flags")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=16, choices=FlagReason.choices)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "member"], name="one_flag_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.reason} flag on {self.post_id}"


class PostRevision(models.Model):
    """The text of a post (and the topic's title) before an edit; staff read them."""

    post = models.ForeignKey("community.Post", on_delete=models.CASCADE, related_name="revisions")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"revision of {self.post_id}"


class ActionKind(models.TextChoices):
    HIDE = "hide", "Hid a post"
    APPROVE = "approve", "Approved a post"
    REJECT = "reject", "Removed a post"
    LOCK = "lock", "Locked a topic"
    UNLOCK = "unlock", "Unlocked a topic"
    PIN = "pin", "Pinned a topic"
    UNPIN = "unpin", "Unpinned a topic"
    MOVE = "move", "Moved a topic"
    MERGE = "merge", "Merged a topic"
    SILENCE = "silence", "Silenced a member"
    SUSPEND = "suspend", "Suspended a member"
    TO_TICKET = "to_ticket", "Turned a topic into a ticket"
    TO_ARTICLE = "to_article", "Turned a topic into an article draft"


class ModerationAction(models.Model):
    """One moderation action with its reason: the audit trail. `actor` is None for what
    the forum did by itself (flags reaching the threshold, the spam heuristics)."""

    kind = models.CharField(max_length=16, choices=ActionKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=500)
    topic = models.ForeignKey(
        "community.Topic", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(
        "community.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.reason}"


class Follow(models.Model):
    """A member following a topic or a whole category (exactly one of the two)."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(
        "community.Topic", null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    category = models.ForeignKey(
        "community.Category", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic__isnull=True) ^ models.Q(category__isnull=True),
                name="follow_topic_or_category",
            ),
            models.UniqueConstraint(fields=["member", "topic"], name="follow_topic_once"),
            models.UniqueConstraint(fields=["member", "category"], name="follow_category_once"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} follows {self.topic_id or self.category_id}"


class RateCount(models.Model):
    """How many times a member did one action (vote, flag) in one clock hour (the hours
    since the epoch): the per-member limits of community.limits."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=16)
    hour = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "community_ratecount"  # named in community.limits' upsert
        constraints = [
            models.UniqueConstraint(fields=["user", "action", "hour"], name="rate_count_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.action} ×{self.count} in hour {self.hour}"


class TopicRead(models.Model):
    """How far a member has read a topic (the highest post number read): the read marks
    the topic page sends in batches, counted once into Member.posts_read."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey("community.Topic", on_delete=models.CASCADE, related_name="+")
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "community_topicread"
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="topic_read_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.topic_id} to #{self.last_number}"


class PostAttachment(models.Model):
    """A file attached to a post, kept as a content-addressed blob like mail attachments;
    readers of the post download it (never shown inline)."""

    post = models.ForeignKey("community.Post", on_delete=models.CASCADE, related_name="files")
    blob = models.ForeignKey("mail.Blob", on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "community_postattachment"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.filename
