"""Which gap was drafted into which article, so the page says so instead of drafting
twice."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class GapKind(models.TextChoices):
    CATEGORY = "category", "Solved tickets of a category"
    TERM = "term", "Solved tickets with a word in the subject"
    SEARCH = "search", "Help-center search that found nothing"


class GapDraft(models.Model):
    kind = models.CharField(max_length=16, choices=GapKind.choices)
    key = models.CharField(max_length=200, help_text="The category's id, the word or the query.")
    article = models.ForeignKey("knowledge.Article", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="gap_drafted_once"),
            models.CheckConstraint(
                condition=models.Q(kind__in=GapKind.values), name="gap_draft_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} → article {self.article_id}"
