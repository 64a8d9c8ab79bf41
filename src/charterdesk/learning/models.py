"""Learning paths for new agents, and shadow mode with its draft replies."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from charterdesk.core.checked import choices_check
from charterdesk.core.vocabulary import RequestType


class LearningPath(models.Model):
    """A curated, ordered list of solved tickets and articles for one product and request
    type (either may be empty: every product, every type)."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    product = models.ForeignKey(
        "products.Product",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="learning_paths",
    )
    request_type = models.CharField(max_length=16, choices=RequestType.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class PathItem(models.Model):
    """One step of a path: a solved ticket or an article, with what to learn from it."""

    path = models.ForeignKey(LearningPath, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    ticket = models.ForeignKey(
        "tickets.Ticket", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    article = models.ForeignKey(
        "knowledge.Article", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(help_text="What to learn from it.")

    class Meta:
        ordering = ["path", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ticket__isnull=True, article__isnull=False)
                | models.Q(ticket__isnull=False, article__isnull=True),
                name="path_item_is_ticket_or_article",
            ),
            models.UniqueConstraint(
                fields=["path", "ticket"],
                name="path_ticket_once",
                condition=models.Q(ticket__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["path", "article"],
                name="path_article_once",
                condition=models.Q(article__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.path_id}#{self.position}"

    @property
    def title(self) -> str:
        if self.ticket_id:
            return f"#{self.ticket_id} {self.ticket.subject}"  # type: ignore[union-attr]
        return str(self.article)


class Enrollment(models.Model):
    """A learner (an agent) on a path."""

    path = models.ForeignKey(LearningPath, on_delete=models.CASCADE, related_name="enrollments")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    enrolled_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["enrolled_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["path", "learner"], name="enrolled_once"),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} on {self.path_id}"


class Completion(models.Model):
    """A learner marked an item done, perhaps with a short reflection."""

    item = models.ForeignKey(PathItem, on_delete=models.CASCADE, related_name="completions")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="completions"
    )
    reflection = models.CharField(max_length=1000, blank=True)
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "learner"], name="done_once"),
        ]
        # The manager's matrix: a page of learners' completions on one path's items.
        indexes = [models.Index(fields=["learner", "item"], name="completion_by_learner")]

    def __str__(self) -> str:
        return f"{self.learner_id} did {self.item_id}"


class Shadowing(models.Model):
    """Shadow mode: the learner's public replies become drafts that the mentor reviews.
    Ended, not deleted, so the record of who mentored whom stays."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shadowings"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentees"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner"],
                name="one_shadowing_at_a_time",
                condition=models.Q(ended_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} shadowed by {self.mentor_id}"


class DraftState(models.TextChoices):
    WAITING = "waiting", "Waiting for review"
    APPROVED = "approved", "Approved and sent"
    RETURNED = "returned", "Returned with a comment"


class DraftReply(models.Model):
    """A public reply a shadowed agent wrote: not sent, not shown to the customer, no SLA
    clock moves, until the mentor approves it (then it is sent as a public reply)."""

    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="drafts_to_review"
    )
    body = models.TextField()
    state = models.CharField(max_length=16, choices=DraftState.choices, default=DraftState.WAITING)
    status_after = models.CharField(
        max_length=16, blank=True, help_text="The ticket's status once the reply is sent."
    )
    comment = models.CharField(max_length=1000, blank=True, help_text="The mentor's comment.")
    edited = models.BooleanField(default=False, help_text="The mentor changed it before sending.")
    sent_message = models.ForeignKey(
        "tickets.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [choices_check("state", DraftState, "draft_state_valid")]
        indexes = [
            models.Index(fields=["mentor", "state", "created_at"], name="draft_review_queue"),
            models.Index(fields=["learner", "state", "created_at"], name="draft_by_learner"),
            models.Index(fields=["ticket", "state"], name="draft_by_ticket"),
        ]

    def __str__(self) -> str:
        return f"draft on #{self.ticket_id} ({self.state})"
