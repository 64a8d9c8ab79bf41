from django.db import models
from django.utils import timezone


class ImportedTicket(models.Model):
    """A ticket brought in from another help desk: its id there (`external_id`) makes the
    import idempotent (a second run of the same file changes nothing)."""

    ticket = models.OneToOneField(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="imported_from"
    )
    external_id = models.CharField(max_length=100, unique=True)
    source = models.CharField(max_length=200, help_text="The file it came from.")
    line = models.PositiveIntegerField(help_text="Its line in that file.")
    imported_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.external_id} → #{self.ticket_id}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Importing"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class TicketImportRun(models.Model):
    """A CSV of past tickets uploaded by a manager, imported by a background task with the
    same service as `charterdesk import tickets` (insights.importer). The file is kept in
    the database until the import ends (so a worker on another machine can read it), then
    dropped; the summary stays."""

    source = models.CharField(max_length=200, help_text="The uploaded file's name.")
    content = models.BinaryField(editable=False)
    started_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(default=0, help_text="Lines after the header.")
    done_rows = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        return min(99, round(100 * self.done_rows / self.total_rows)) if self.total_rows else 0


# The spike detector's and the knowledge gaps' tables live beside their code; imported here
# so that Django registers them with this app.
from .gaps.models import GapDraft  # noqa: E402
from .spikes.models import Spike, SpikeSettings  # noqa: E402

__all__ = [
    "GapDraft",
    "ImportStatus",
    "ImportedTicket",
    "Spike",
    "SpikeSettings",
    "TicketImportRun",
]
