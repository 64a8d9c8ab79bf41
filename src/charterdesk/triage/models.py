"""Trained triage models and the desk's triage settings.

The serialized model is a BinaryField of its record, not a file under the data folder:
the record and its model are written in one transaction (a half-written model can never
serve), every web and worker host sees it through the database it already shares (no
shared media volume needed), and the database backup holds it. Models are a few MB; the
column is deferred everywhere but where the model is loaded.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class ModelStatus(models.TextChoices):
    TRAINING = "training", "Training"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class TriageModel(models.Model):
    """One training run and, when it succeeded, the model it made. The newest READY one
    serves; a run still TRAINING (or FAILED) never replaces it."""

    version = models.PositiveIntegerField(unique=True)
    status = models.CharField(max_length=10, choices=ModelStatus.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=100, blank=True)  # "scheduled", "by a manager", ...
    started_at = models.DateTimeField()
    trained_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(default=0)
    training_size = models.PositiveIntegerField(default=0)
    category_count = models.PositiveIntegerField(default=0)
    heldout_size = models.PositiveIntegerField(default=0)
    heldout_accuracy = models.FloatField(default=0)
    precision_target = models.FloatField(default=0.95)
    guard_unfamiliar = models.BooleanField(default=True)  # the setting when it was trained
    threshold = models.FloatField(default=1.0)
    applied_share = models.FloatField(default=0)  # held-out tickets the desk would apply
    applied_precision = models.FloatField(default=0)  # ... and how many of those were right
    # [{"label", "precision", "recall", "support"}] and [{"expected", "predicted", "count"}];
    # labels are category ids as text.
    per_category = models.JSONField(default=list)
    confusions = models.JSONField(default=list)
    error = models.TextField(blank=True)
    blob = models.BinaryField(editable=False, default=b"")

    class Meta:
        ordering = ["-version"]
        indexes = [models.Index(fields=["status", "-version"], name="triage_model_serving")]

    def __str__(self) -> str:
        return f"triage model v{self.version} ({self.status})"


class TriageSettings(models.Model):
    """The desk's one row of triage settings (`TriageSettings.current()`)."""

    precision_target = models.DecimalField(
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.950"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("0.999"))],
        help_text="Share of applied suggestions that must be right (0.5 to 0.999).",
    )
    apply_suggestions = models.BooleanField(
        default=True, help_text="Apply confident suggestions to new requests."
    )
    retrain_after = models.PositiveIntegerField(
        default=200, help_text="Retrain when this many new training tickets have been solved."
    )
    guard_unfamiliar = models.BooleanField(
        default=True,
        help_text=(
            "Leave a request of a new kind to a person even when it looks like a known "
            "category. Off: once agents have marked tickets as not one of your categories, "
            "the precision target alone sets the threshold, so more requests are answered "
            "and fewer new kinds of request are caught."
        ),
    )

    class Meta:
        verbose_name_plural = "triage settings"

    def __str__(self) -> str:
        return "triage settings"

    @classmethod
    def current(cls) -> "TriageSettings":
        row, _ = cls.objects.get_or_create(pk=1)
        return row


class TriageSuggestion(models.Model):
    """What the model said of a new ticket: applied, or left to a person (`abstained`).
    The desk's triage list shows the abstained ones still without a category, each with
    the model's best guess as a one-click choice."""

    ticket = models.OneToOneField(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="triage_suggestion"
    )
    category = models.ForeignKey(
        "tickets.Category", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confidence = models.FloatField()
    request_type = models.CharField(max_length=20, blank=True)
    request_type_confidence = models.FloatField(null=True, blank=True)
    abstained = models.BooleanField()
    applied = models.BooleanField(default=False)
    model_version = models.PositiveIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(abstained=True),
                name="triage_waiting",
            )
        ]

    def __str__(self) -> str:
        return f"triage of ticket {self.ticket_id}"
