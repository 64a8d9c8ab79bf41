"""What happens around articles: files, feedback, flags from tickets, links inserted into
replies, help-center searches and visits, and suggestions shown while a customer writes."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ArticleFile(models.Model):
    """An image or attachment of an article, stored as a blob like mail attachments."""

    article = models.ForeignKey("knowledge.Article", on_delete=models.CASCADE, related_name="files")
    blob = models.ForeignKey("mail.Blob", on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.filename


class Feedback(models.Model):
    """ "Was this helpful?": one vote per person (signed in) or browser (anonymous)."""

    article = models.ForeignKey(
        "knowledge.Article", on_delete=models.CASCADE, related_name="feedback"
    )
    voter = models.CharField(max_length=80, help_text="user:<id> or browser:<random key>")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    helpful = models.BooleanField()
    comment = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["article", "voter"], name="one_vote_per_voter")
        ]

    def __str__(self) -> str:
        return f"{'helpful' if self.helpful else 'not helpful'} on {self.article_id}"


class FlagKind(models.TextChoices):
    NEEDED = "needed", "Article needed"
    WRONG = "wrong", "Article wrong"


class FlagOutcome(models.TextChoices):
    RESOLVED = "resolved", "Resolved"
    DISMISSED = "dismissed", "Dismissed"


class ArticleFlag(models.Model):
    """An agent's note from a ticket: an article is missing, or one is wrong. Open until
    the article's owner (or a reviewer) resolves or dismisses it, with a note; the flag
    keeps who did, when and why."""

    kind = models.CharField(max_length=8, choices=FlagKind.choices)
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(
        "knowledge.Article", null=True, blank=True, on_delete=models.CASCADE, related_name="flags"
    )
    note = models.CharField(max_length=500, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=FlagOutcome.choices, blank=True)
    resolution_note = models.CharField(max_length=500, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["article", "created_at"],
                name="article_flag_open",
                condition=models.Q(resolved_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on #{self.ticket_id}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class LinkUse(models.Model):
    """An agent inserted an article's link into a reply on a ticket."""

    article = models.ForeignKey("knowledge.Article", on_delete=models.CASCADE, related_name="+")
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="+")
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"article {self.article_id} on #{self.ticket_id}"


class HelpSearch(models.Model):
    """A search in the help center, for the report of searches that found nothing."""

    query = models.CharField(max_length=200)
    results = models.PositiveIntegerField()
    signed_in = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["created_at"], name="help_search_at")]

    def __str__(self) -> str:
        return self.query


class HelpVisit(models.Model):
    """One visitor (a person or a browser) on the help center on one day."""

    day = models.DateField()
    visitor = models.CharField(max_length=80)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "visitor"], name="one_visit_a_day")]

    def __str__(self) -> str:
        return f"{self.visitor} on {self.day}"


class SuggestionAttempt(models.Model):
    """A customer writing a new request in the portal while articles were suggested.

    Its outcome: `solved_by` set (explicit deflection: "This solved my problem"), `ticket`
    set (the request was sent anyway), or an article opened and neither (implicit
    deflection: they read and left)."""

    token = models.CharField(max_length=40, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    solved_by = models.ForeignKey(
        "knowledge.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    solved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["started_at"], name="attempt_started_at")]

    def __str__(self) -> str:
        return self.token


class SuggestionShown(models.Model):
    attempt = models.ForeignKey(SuggestionAttempt, on_delete=models.CASCADE, related_name="shown")
    article = models.ForeignKey("knowledge.Article", on_delete=models.CASCADE, related_name="+")
    shown_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "article"], name="shown_once_per_attempt")
        ]

    def __str__(self) -> str:
        return f"article {self.article_id} in {self.attempt_id}"
