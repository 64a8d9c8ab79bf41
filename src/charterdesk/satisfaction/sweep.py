"""Which solved tickets get their survey now: solved at least the plan's survey delay ago
(and at most a week before that, so a new installation does not survey its whole past)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from charterdesk.plans.models import Plan
from charterdesk.tickets.models import Ticket

from .services import SURVEYED_STATUSES, survey_send

BATCH = 500
WINDOW = timedelta(days=7)


def due_ticket_ids(now: datetime) -> list[int]:
    delays: list[tuple[Q, int]] = [
        (Q(contract__plan=plan_id), hours)
        for plan_id, hours in Plan.objects.values_list("pk", "survey_delay_hours")
    ]
    delays.append((Q(contract__isnull=True), int(getattr(settings, "SURVEY_DELAY_HOURS", 24))))
    ids: list[int] = []
    for scope, hours in delays:
        cutoff = now - timedelta(hours=hours)
        ids += Ticket.objects.filter(
            scope,
            status__in=SURVEYED_STATUSES,
            solved_at__lte=cutoff,
            solved_at__gt=cutoff - WINDOW,
            survey__isnull=True,
        ).values_list("pk", flat=True)[: BATCH - len(ids)]
        if len(ids) >= BATCH:
            break
    return ids


def send_due_surveys(now: datetime) -> int:
    """Send every due survey once; each ticket in its own transaction."""
    sent = 0
    for pk in due_ticket_ids(now):
        with transaction.atomic():
            ticket = (
                Ticket.objects.select_for_update(of=("self",))
                .select_related("requester", "queue", "contract__plan", "assignee")
                .filter(pk=pk, status__in=SURVEYED_STATUSES)
                .first()
            )
            if ticket is not None and survey_send(ticket, now) is not None:
                sent += 1
    return sent
