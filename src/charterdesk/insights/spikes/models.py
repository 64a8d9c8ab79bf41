"""The spike detector's settings (one row) and the spikes it found."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from charterdesk.core.checked import CheckedModel


class SpikeSettings(CheckedModel):
    """How many similar tickets, from how many organizations, in how long a window, and
    how far above the usual rate, make a spike. One row (`current()`)."""

    enabled = models.BooleanField(default=True, help_text="Look for spikes every 5 minutes.")
    window_minutes = models.PositiveSmallIntegerField(
        default=60,
        validators=[MinValueValidator(10), MaxValueValidator(24 * 60)],
        help_text="The tickets of the last this many minutes are compared.",
    )
    min_tickets = models.PositiveSmallIntegerField(
        default=6,
        validators=[MinValueValidator(2), MaxValueValidator(1000)],
        help_text="At least this many similar tickets in the window.",
    )
    min_organizations = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(2), MaxValueValidator(100)],
        help_text="From at least this many organizations (one customer's burst is not an outage).",
    )
    ratio = models.FloatField(
        default=3.0,
        validators=[MinValueValidator(1.0), MaxValueValidator(100.0)],
        help_text="At least this many times the usual count for this hour of the week.",
    )
    history_weeks = models.PositiveSmallIntegerField(
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text="The usual count: the mean of the same window in this many past weeks.",
    )
    service = models.ForeignKey(
        "incidents.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The service a spike's incident names when the organizations' deployments "
        "do not tell (none: the first service of the catalogue).",
    )

    class Meta:
        verbose_name_plural = "spike settings"

    def __str__(self) -> str:
        return "Spike detection"

    @classmethod
    def current(cls) -> "SpikeSettings":
        found = cls.objects.order_by("pk").first()
        return found if found is not None else cls()


class ClusterKind(models.TextChoices):
    CATEGORY = "category", "Category"
    TERM = "term", "Term of the subject"


class Spike(models.Model):
    """A cluster of similar tickets that rose above its usual rate, and the suspected
    incident it raised (none when the catalogue has no service to name)."""

    kind = models.CharField(max_length=16, choices=ClusterKind.choices)
    key = models.CharField(max_length=100, help_text="The category's id or the term.")
    label = models.CharField(max_length=300)
    incident = models.ForeignKey(
        "incidents.Incident", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    detected_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    tickets = models.PositiveIntegerField(help_text="Similar tickets in the window when found.")
    organizations = models.PositiveIntegerField()
    expected = models.FloatField(help_text="The usual count for that window of the week.")
    linked = models.PositiveIntegerField(default=0, help_text="Tickets linked so far.")

    class Meta:
        ordering = ["-detected_at", "-id"]
        indexes = [models.Index(fields=["kind", "key", "detected_at"], name="spike_by_cluster")]

    def __str__(self) -> str:
        return f"Spike of {self.label}"

    @property
    def dedup_key(self) -> str:
        return dedup_key(self.kind, self.key)


def dedup_key(kind: str, key: str) -> str:
    return f"spike:{kind}:{key}"
