"""The commitments sweep (a scheduler job, every minute): remind owners before a promise is
due, tell them when it is overdue, and break promises left open past the grace period.

Each step claims a row with a conditional UPDATE before mailing, so several workers running
the sweep at once send each reminder exactly once."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet

from charterdesk.mail.outbox import mail_queue

from .models import Commitment, CommitmentState
from .services import commitment_settle, grace_hours, remind_before

BATCH = 500


@dataclass
class SweepResult:
    reminded: list[int] = field(default_factory=list)
    overdue: list[int] = field(default_factory=list)
    broken: list[int] = field(default_factory=list)


def sweep(now: datetime) -> SweepResult:
    result = SweepResult()
    result.reminded = _remind(now)
    result.overdue = _flag_overdue(now)
    result.broken = _break_expired(now)
    return result


def _remind(now: datetime) -> list[int]:
    due = Commitment.objects.filter(
        state=CommitmentState.OPEN,
        reminded_at__isnull=True,
        due_at__gt=now,
        due_at__lte=now + timedelta(minutes=remind_before()),
    )
    return _claim_and_mail(due, "reminded_at", now, "commitments/mail/reminder", lead=False)


def _flag_overdue(now: datetime) -> list[int]:
    due = Commitment.objects.filter(
        state=CommitmentState.OPEN, overdue_notified_at__isnull=True, due_at__lte=now
    )
    return _claim_and_mail(due, "overdue_notified_at", now, "commitments/mail/overdue", lead=True)


def _claim_and_mail(
    candidates: QuerySet[Commitment], flag: str, now: datetime, template: str, *, lead: bool
) -> list[int]:
    ids = list(candidates.order_by("due_at").values_list("pk", flat=True)[:BATCH])
    claimed = []
    with transaction.atomic(durable=True):
        for commitment in (
            Commitment.objects.filter(pk__in=ids)
            .select_related("owner", "ticket__queue__team__lead")
            .order_by("due_at", "id")
        ):
            taken = Commitment.objects.filter(
                pk=commitment.pk, state=CommitmentState.OPEN, **{f"{flag}__isnull": True}
            ).update(**{flag: now})
            if taken != 1:
                continue  # another worker took it
            claimed.append(commitment.pk)
            team_lead = commitment.ticket.queue.team.lead
            to = [commitment.owner.email]
            if lead and team_lead is not None and team_lead.email not in to:
                to.append(team_lead.email)
            mail_queue(
                to=to,
                template=template,
                context={"commitment": commitment, "now": now},
                ticket=commitment.ticket,
            )
    return claimed


def _break_expired(now: datetime) -> list[int]:
    hours = grace_hours()
    cutoff = now - timedelta(hours=hours)
    ids = list(
        Commitment.objects.filter(state=CommitmentState.OPEN, due_at__lte=cutoff)
        .order_by("due_at")
        .values_list("pk", flat=True)[:BATCH]
    )
    broken = []
    for pk in ids:
        with transaction.atomic(durable=True):
            commitment = (
                Commitment.objects.select_for_update()
                .select_related("ticket")
                .filter(pk=pk, state=CommitmentState.OPEN)
                .first()
            )
            if commitment is None:
                continue
            note = f"not marked kept within {hours} h of its due time"
            commitment_settle(commitment, None, CommitmentState.BROKEN, note, at=now)
            broken.append(pk)
    return broken
