from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from charterdesk.core.management.base import CharterCommand
from charterdesk.triage.categories import training_tickets
from charterdesk.triage.models import ModelStatus
from charterdesk.triage.selectors import run_in_progress
from charterdesk.triage.services import triage_run_complete, triage_run_start


class Command(CharterCommand):
    help = "Automatic triage: `train` learns a new model from the solved tickets."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser(
            "train", help="Train a new model now (the current one serves meanwhile)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if run_in_progress() is not None:
            raise CommandError("a training run is already in progress", returncode=2)
        tickets = training_tickets()
        self.stderr.write(f"{len(tickets):,} solved tickets with a category")
        with transaction.atomic():
            run = triage_run_start(requested_by=None, reason="command", at=timezone.now())
        with transaction.atomic():
            run = triage_run_complete(
                run, tickets=tickets, at=timezone.now(), progress=self.stderr.write
            )
        if run.status != ModelStatus.READY:
            raise CommandError(f"model v{run.version} failed: {run.error}", returncode=1)
        self.stdout.write(
            f"Model v{run.version}: {run.training_size:,} tickets, {run.category_count} "
            f"categories, held-out accuracy {run.heldout_accuracy:.1%} on {run.heldout_size:,}; "
            f"threshold {run.threshold:.2f} for {run.precision_target:.0%} precision applies "
            f"{run.applied_share:.0%} of them ({run.applied_precision:.1%} right); "
            f"{run.seconds:.1f} s."
        )
