"""Periodic jobs. The scheduler enqueues each run as a background task; the database
decides which scheduler process gets a run, so any number of them can run at once."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils.module_loading import import_string

from .models import ScheduledJob

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    task: str  # dotted path of a django-tasks task


JOBS = (
    Job("sweep-sla-clocks", timedelta(minutes=1), "charterdesk.sla.tasks.sweep_sla_clocks"),
    Job(
        "close-solved-tickets", timedelta(hours=1), "charterdesk.tickets.tasks.close_solved_tickets"
    ),
    Job("sweep-outbox", timedelta(minutes=1), "charterdesk.mail.tasks.sweep_outbox"),
    Job("poll-mailboxes", timedelta(minutes=1), "charterdesk.mailboxes.tasks.poll_mailboxes"),
    Job(
        "sweep-commitments", timedelta(minutes=1), "charterdesk.commitments.tasks.sweep_commitments"
    ),
    Job("send-surveys", timedelta(minutes=10), "charterdesk.satisfaction.tasks.send_surveys"),
    Job(
        "remind-escalations",
        timedelta(minutes=15),
        "charterdesk.escalations.tasks.remind_escalation_requests",
    ),
    Job("prune-task-results", timedelta(days=1), "charterdesk.core.tasks.prune_task_results"),
    Job(
        "tell-authorized",
        timedelta(minutes=1),
        "charterdesk.intake.tasks.tell_authorized_contacts",
    ),
    Job(
        "mail-statements",
        timedelta(hours=1),
        "charterdesk.statements.tasks.mail_monthly_statements",
    ),
)


def claim(job: Job, now: datetime) -> bool:
    """Take the job's due run, if it is due and no other scheduler took it."""
    ScheduledJob.objects.get_or_create(name=job.name, defaults={"next_run_at": now})
    taken = ScheduledJob.objects.filter(name=job.name, next_run_at__lte=now).update(
        next_run_at=now + job.every, last_run_at=now
    )
    return taken == 1


def run_due(now: datetime, jobs: tuple[Job, ...] = JOBS) -> list[str]:
    """Enqueue every due job once; returns the names enqueued. Each job is enqueued once its
    claim commits, so a task never runs inside the scheduler's transaction (a backend that
    runs tasks on the spot would otherwise run its durable transactions nested)."""
    started = []
    for job in jobs:
        with transaction.atomic(durable=True):
            if claim(job, now):
                transaction.on_commit(import_string(job.task).enqueue)
                started.append(job.name)
                log.info("scheduled %s", job.name)
    return started
