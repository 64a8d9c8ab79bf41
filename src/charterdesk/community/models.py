"""The community forum: categories open to some readers, topics (questions or
discussions) made of posts. Post number 1 is the opening post; the others are replies.

Counters on a topic (`reply_count`, `last_posted_at`) and on a post (`score`, `flag_count`)
are kept by the services in the writer's transaction, so lists sort and paginate in the
database without counting rows per topic."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .records import (
    ActionKind,
    Digest,
    FlagReason,
    Follow,
    Member,
    ModerationAction,
    PostAttachment,
    PostFlag,
    PostRevision,
    PostVote,
    RateCount,
    TopicRead,
    TrustLevel,
)

__all__ = [
    "Access",
    "ActionKind",
    "Category",
    "Digest",
    "FlagReason",
    "Follow",
    "Member",
    "ModerationAction",
    "Post",
    "PostAttachment",
    "PostFlag",
    "PostRevision",
    "PostVote",
    "RateCount",
    "Review",
    "Topic",
    "TopicRead",
    "TopicKind",
    "TrustLevel",
]


class Access(models.TextChoices):
    EVERYONE = "everyone", "Everyone, without signing in"
    CUSTOMERS = "customers", "Signed-in members"
    PLANS = "plans", "Customers of the chosen plans"
    PARTNERS = "partners", "Contacts of partner organizations"
    STAFF = "staff", "Staff only"


class TopicKind(models.TextChoices):
    QUESTION = "question", "Question"
    DISCUSSION = "discussion", "Discussion"


class Review(models.TextChoices):
    """Where a post stands with the moderators."""

    VISIBLE = "visible", "Visible"
    PENDING = "pending", "Waiting for a moderator"  # premoderated, or hidden by flags
    REJECTED = "rejected", "Removed by a moderator"


class Category(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.CharField(max_length=300, blank=True)
    access = models.CharField(max_length=16, choices=Access.choices, default=Access.CUSTOMERS)
    plans = models.ManyToManyField(
        "plans.Plan",
        blank=True,
        related_name="+",
        help_text="For access 'Customers of the chosen plans': which plans.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"
        db_table = "community_category"

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="topics")
    kind = models.CharField(max_length=16, choices=TopicKind.choices, default=TopicKind.QUESTION)
    title = models.CharField(max_length=200)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_posted_at = models.DateTimeField(default=timezone.now)
    reply_count = models.PositiveIntegerField(default=0)
    # The first reply (by anyone but the asker), for time to first answer.
    first_reply_at = models.DateTimeField(null=True, blank=True)
    accepted = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pinned = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    review = models.CharField(max_length=16, choices=Review.choices, default=Review.VISIBLE)
    ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    article = models.ForeignKey(
        "knowledge.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["category", "-last_posted_at"], name="topic_category_latest"),
            models.Index(fields=["-pinned", "-last_posted_at", "-id"], name="topic_latest"),
            # The "top" list, in its keyset order: read in index order, stopped after a
            # page, instead of sorting every readable topic (3x slower at 100,000 before).
            models.Index(fields=["-reply_count", "-last_posted_at", "-id"], name="topic_top"),
            # The "unanswered" list: only open questions, in the list's full order.
            models.Index(
                fields=["reply_count", "-created_at", "-id"],
                name="topic_unanswered_open",
                condition=models.Q(kind="question", accepted__isnull=True),
            ),
            # The same orders after `merged_into IS NULL` (every list reads unmerged topics),
            # for SQLite: without statistics it takes that for a selective equality on the
            # foreign key's index, reads every topic through it and sorts them all (280-540
            # ms at 100,000 topics); with these the equality leads into the list's order and
            # it reads one page of entries. PostgreSQL reads the lists through the indexes
            # above (it cannot continue an order after an IS NULL column).
            models.Index(
                fields=["merged_into", "-pinned", "-last_posted_at", "-id"],
                name="topic_open_latest",
            ),
            models.Index(
                fields=["merged_into", "-reply_count", "-last_posted_at", "-id"],
                name="topic_open_top",
            ),
            models.Index(
                fields=["merged_into", "reply_count", "-created_at", "-id"],
                name="topic_open_unanswered",
                condition=models.Q(kind="question", accepted__isnull=True),
            ),
            models.Index(
                fields=["category", "merged_into", "-pinned", "-last_posted_at", "-id"],
                name="topic_open_category_latest",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_question(self) -> bool:
        return self.kind == TopicKind.QUESTION

    @property
    def answered(self) -> bool:
        return self.accepted_id is not None


class Post(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    by_staff = models.BooleanField(default=False)
    score = models.IntegerField(default=0)
    flag_count = models.PositiveIntegerField(default=0)
    review = models.CharField(max_length=16, choices=Review.choices, default=Review.VISIBLE)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "number"], name="post_number_unique"),
        ]
        indexes = [
            models.Index(fields=["author", "-created_at"], name="post_author_recent"),
            models.Index(fields=["review", "created_at"], name="post_review"),
        ]

    def __str__(self) -> str:
        return f"{self.topic_id}#{self.number}"

    @property
    def is_opening(self) -> bool:
        return self.number == 1
