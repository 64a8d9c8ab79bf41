"""Tickets solved long enough ago close by themselves (a scheduler job, hourly)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import EventKind, Status, Ticket
from .services.history import record

BATCH = 1000


def close_solved() -> int:
    """Close tickets solved longer ago than CLOSE_SOLVED_AFTER_DAYS, each in its own
    transaction; returns how many closed."""
    cutoff = timezone.now() - timedelta(days=settings.CLOSE_SOLVED_AFTER_DAYS)
    closed = 0
    ids = list(
        Ticket.objects.filter(status=Status.SOLVED, solved_at__lt=cutoff).values_list(
            "pk", flat=True
        )[:BATCH]
    )
    for pk in ids:
        with transaction.atomic(durable=True):
            ticket = Ticket.objects.select_for_update().filter(pk=pk, status=Status.SOLVED).first()
            if ticket is None:
                continue
            ticket.status = Status.CLOSED
            ticket.updated_at = timezone.now()
            ticket.save(update_fields=["status", "updated_at"])
            record(
                ticket,
                None,
                EventKind.CHANGED,
                field="status",
                old=Status.SOLVED,
                new=Status.CLOSED,
                note="closed automatically after being solved",
            )
            closed += 1
    return closed
