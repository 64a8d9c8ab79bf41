"""The knowledge base: categories, sections and articles with their versions.

An article's readers see its *live version*; every save adds a version. The article's
`state` is where its newest version stands: a published article saved again is a draft
again (its *staged* next version) while readers keep seeing the live one, until the
staged version is published in turn."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .records import (
    ArticleFile,
    ArticleFlag,
    Feedback,
    FlagKind,
    FlagOutcome,
    HelpSearch,
    HelpVisit,
    LinkUse,
    SuggestionAttempt,
    SuggestionShown,
)

__all__ = [
    "Article",
    "ArticleFile",
    "ArticleFlag",
    "ArticleState",
    "ArticleVersion",
    "Category",
    "Feedback",
    "FlagKind",
    "FlagOutcome",
    "HelpSearch",
    "HelpVisit",
    "LinkUse",
    "Section",
    "SuggestionAttempt",
    "SuggestionShown",
    "Visibility",
]


class Visibility(models.TextChoices):
    PUBLIC = "public", "Public: everyone, without signing in"
    CUSTOMERS = "customers", "Customers: signed-in contacts"
    PARTNERS = "partners", "Partners: contacts of partner organizations"
    INTERNAL = "internal", "Internal: agents only"


class ArticleState(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class Category(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class Section(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="sections")
    name = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return f"{self.category} › {self.name}"


class Article(models.Model):
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    slug = models.SlugField(max_length=120, blank=True)
    language = models.CharField(max_length=8, default="en")
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="translations",
        help_text="The original article this one translates; empty for an original.",
    )
    visibility = models.CharField(
        max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    plans = models.ManyToManyField(
        "plans.Plan",
        blank=True,
        related_name="articles",
        help_text="Audience: only customers on these plans read it; none: every customer.",
    )
    products = models.ManyToManyField(
        "products.Product",
        blank=True,
        related_name="articles",
        help_text="Audience: only customers using one of these products read it; none: every "
        "customer.",
    )
    state = models.CharField(max_length=16, choices=ArticleState.choices, default="draft")
    # The newest version and the one readers see (None until first published).
    latest_version = models.ForeignKey(
        "ArticleVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    live_version = models.ForeignKey(
        "ArticleVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who was asked to review the version in review.",
    )
    review_note = models.CharField(max_length=500, blank=True)
    review_by = models.DateField(
        null=True, blank=True, help_text="By when the owner checks it is still right."
    )
    stale_reminded_on = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    links_inserted = models.PositiveIntegerField(
        default=0, help_text="Times agents inserted its link into a reply."
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["state", "updated_at"], name="article_by_state"),
            models.Index(fields=["visibility", "language"], name="article_by_visibility"),
            # Covers the reader's articles (visibility, live) for a customer's search: the
            # ids come from the index alone, not from a pass over every article's row.
            models.Index(fields=["visibility", "state", "live_version"], name="article_by_reader"),
            models.Index(fields=["review_by"], name="article_review_by"),
        ]

    def __str__(self) -> str:
        version = self.latest_version
        return version.title if version else f"Article {self.pk}"

    @property
    def is_live(self) -> bool:
        return self.live_version_id is not None and self.state != ArticleState.ARCHIVED

    @property
    def has_staged_version(self) -> bool:
        """Published, with a newer version saved that readers do not see yet."""
        return self.is_live and self.latest_version_id != self.live_version_id


class ArticleVersion(models.Model):
    """One save of an article: its title and Markdown body, and the sanitized HTML."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField()
    html = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"
