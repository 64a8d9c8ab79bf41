"""Periodic jobs. The scheduler enqueues each run as a background task; the database
decides which scheduler process gets a run, so any number of them can run at once.

Each app registers its jobs next to them, in its `tasks.py` (imported by its
`AppConfig.ready`), with `@periodic` on top of the task:

    @periodic("sweep-sla-clocks", every=timedelta(minutes=1))
    @task()
    def sweep_sla_clocks() -> dict[str, int]: ...

A registration that cannot work (a name taken twice, something that is not a task, a task
that needs arguments) raises `ImproperlyConfigured` at start-up.
"""

import inspect
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django_tasks.base import Task

from .models import ScheduledJob

log = logging.getLogger(__name__)

AnyTask = TypeVar("AnyTask", bound=Task[Any, Any])


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    task: Task[[], Any]


class Jobs:
    """The registered periodic jobs, in registration order."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}

    def periodic(self, name: str, *, every: timedelta) -> Callable[[AnyTask], AnyTask]:
        """Decorator: run the task below it every `every` (put it above `@task()`)."""

        def register(job_task: AnyTask) -> AnyTask:
            self.add(Job(name, every, job_task))
            return job_task

        return register

    def add(self, job: Job) -> None:
        if not isinstance(job.task, Task):
            raise ImproperlyConfigured(
                f"periodic job {job.name}: {job.task!r} is not a task (put @periodic above @task)"
            )
        try:
            inspect.signature(job.task.func).bind()
        except TypeError as exc:
            raise ImproperlyConfigured(
                f"periodic job {job.name}: {job.task.module_path} must take no arguments"
            ) from exc
        if job.every <= timedelta(0):
            raise ImproperlyConfigured(f"periodic job {job.name}: `every` must be positive")
        if job.name in self._jobs:
            taken = self._jobs[job.name].task.module_path
            raise ImproperlyConfigured(f"periodic job {job.name}: the name is taken by {taken}")
        self._jobs[job.name] = job

    def __iter__(self) -> Iterator[Job]:
        return iter(tuple(self._jobs.values()))

    def __len__(self) -> int:
        return len(self._jobs)


JOBS = Jobs()
periodic = JOBS.periodic


def claim(job: Job, now: datetime) -> bool:
    """Take the job's due run, if it is due and no other scheduler took it."""
    ScheduledJob.objects.get_or_create(name=job.name, defaults={"next_run_at": now})
    taken = ScheduledJob.objects.filter(name=job.name, next_run_at__lte=now).update(
        next_run_at=now + job.every, last_run_at=now
    )
    return taken == 1


def run_due(now: datetime, jobs: Iterable[Job] = JOBS) -> list[str]:
    """Enqueue every due job once; returns the names enqueued. Each job is enqueued once its
    claim commits, so a task never runs inside the scheduler's transaction (a backend that
    runs tasks on the spot would otherwise run its durable transactions nested)."""
    started = []
    for job in jobs:
        with transaction.atomic(durable=True):
            if claim(job, now):
                transaction.on_commit(job.task.enqueue)
                started.append(job.name)
                log.debug("scheduled %s", job.name)
    return started
