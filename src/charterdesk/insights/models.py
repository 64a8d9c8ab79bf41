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


# The spike detector's and the knowledge gaps' tables live beside their code; imported here
# so that Django registers them with this app.
from .gaps.models import GapDraft  # noqa: E402
from .spikes.models import Spike, SpikeSettings  # noqa: E402

__all__ = ["GapDraft", "ImportedTicket", "Spike", "SpikeSettings"]
