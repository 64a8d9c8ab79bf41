"""The playbook task sweep (a scheduler job, every 15 minutes): remind owners the day
before a task is due and tell them (and the run's assigned agent) when it is overdue; remind
account owners of their account reviews a week ahead (review_reminders.py).

Each task is claimed with a conditional UPDATE before its mail is queued, in the same
transaction, so several schedulers running the sweep at once remind exactly once. The
partial index run_task_open_due (open tasks by due time) keeps the search small."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import QuerySet

from charterdesk.mail.outbox import mail_queue

from .models import RunTask, TaskState
from .review_reminders import remind_reviews

BATCH = 500
REMIND_BEFORE = timedelta(days=1)


@dataclass
class SweepResult:
    reminded: list[int] = field(default_factory=list)
    overdue: list[int] = field(default_factory=list)
    reviews: list[int] = field(default_factory=list)


def sweep(now: datetime) -> SweepResult:
    result = SweepResult()
    open_tasks = RunTask.objects.filter(state=TaskState.OPEN, owner__isnull=False)
    result.overdue = _claim_and_mail(
        open_tasks.filter(overdue_notified_at__isnull=True, due_at__lte=now),
        "overdue_notified_at",
        now,
        "success/mail/task_overdue",
    )
    result.reminded = _claim_and_mail(
        open_tasks.filter(
            reminded_at__isnull=True, due_at__gt=now, due_at__lte=now + REMIND_BEFORE
        ),
        "reminded_at",
        now,
        "success/mail/task_reminder",
    )
    result.reviews = remind_reviews(now)
    return result


def _claim_and_mail(
    candidates: QuerySet[RunTask], flag: str, now: datetime, template: str
) -> list[int]:
    ids = list(candidates.order_by("due_at").values_list("pk", flat=True)[:BATCH])
    claimed = []
    with transaction.atomic(durable=True):
        for task in (
            RunTask.objects.filter(pk__in=ids)
            .select_related("owner", "run__organization", "run__assigned_agent", "run__version")
            .order_by("due_at", "id")
        ):
            taken = RunTask.objects.filter(
                pk=task.pk, state=TaskState.OPEN, **{f"{flag}__isnull": True}
            ).update(**{flag: now})
            if taken != 1:
                continue  # another scheduler took it
            claimed.append(task.pk)
            assert task.owner is not None  # noqa: S101 - filtered above
            to = [task.owner.email]
            agent = task.run.assigned_agent
            if flag == "overdue_notified_at" and agent is not None and agent.email not in to:
                to.append(agent.email)
            mail_queue(to=to, template=template, context={"task": task, "now": now})
    if flag == "overdue_notified_at":
        # An overdue task needs no reminder any more.
        RunTask.objects.filter(pk__in=claimed, reminded_at__isnull=True).update(reminded_at=now)
    return claimed
