"""Customers' escalation requests are tracked to an answer: one still unanswered some
hours after it was made is brought back to the management line, once."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings

from charterdesk.mail.outbox import mail_queue

from .lines import management_line
from .models import OPEN_REQUEST_STATES, EscalationRequest

BATCH = 500


def remind_after() -> timedelta:
    """How long a request may wait for an answer before the reminder."""
    return timedelta(hours=int(getattr(settings, "ESCALATION_REQUEST_REMIND_HOURS", 4)))


@dataclass
class SweepResult:
    reminded: list[int] = field(default_factory=list)


def sweep(now: datetime) -> SweepResult:
    """Remind the management line of requests waiting longer than `remind_after()`. Each
    request is claimed with a conditional UPDATE, so several workers never remind twice.
    The caller owns the transaction."""
    result = SweepResult()
    waiting = (
        EscalationRequest.objects.filter(
            state__in=OPEN_REQUEST_STATES,
            reminded_at__isnull=True,
            created_at__lte=now - remind_after(),
        )
        .select_related(
            "ticket__queue__team__lead", "ticket__contract__relationship_manager", "requested_by"
        )
        .order_by("created_at", "id")[:BATCH]
    )
    for request in waiting:
        claimed = EscalationRequest.objects.filter(pk=request.pk, reminded_at__isnull=True)
        if not claimed.update(reminded_at=now):
            continue
        mail_queue(
            to=[p.email for p in management_line(request.ticket)],
            template="escalations/mail/request_waiting",
            context={"request": request, "waited": now - request.created_at},
            ticket=request.ticket,
        )
        result.reminded.append(request.pk)
    return result
