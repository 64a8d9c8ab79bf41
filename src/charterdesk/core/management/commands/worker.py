import logging
from typing import Any

from django.core.management.base import CommandParser
from django.utils.crypto import get_random_string
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from ...outage import DATABASE_DOWN, Outage
from ...schedule import JOBS
from ..base import CharterCommand

log = logging.getLogger("charterdesk.worker")


class SteadyWorker(Worker):
    """django-tasks-db's worker, kept alive through a database outage: it waits for the
    database with backoff instead of stopping, then puts the task it was running when the
    connection went (marked neither done nor failed) back in the queue."""

    interrupted: DBTaskResult | None = None

    def run(self) -> None:
        outage = Outage("worker")
        while self.running:
            try:
                super().run()
                return
            except DATABASE_DOWN as error:
                if self.batch:
                    raise
                self.startup_delay = False
                if outage.ride_out(error, running=lambda: self.running):
                    self._requeue_interrupted()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        try:
            super().run_task(db_task_result)
        except DATABASE_DOWN:
            self.interrupted = db_task_result
            raise

    def _requeue_interrupted(self) -> None:
        if self.interrupted is not None:
            running = DBTaskResult.objects.filter(
                pk=self.interrupted.pk, status=TaskResultStatus.RUNNING
            )
            running.update(status=TaskResultStatus.READY, started_at=None)
            self.interrupted = None


class Command(CharterCommand):
    help = (
        "Run a background worker (database task queue; run as many as you like). "
        "It waits for the database when it goes away and carries on when it is back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        DbWorkerCommand().configure_logging(options["verbosity"])
        if options["verbosity"] <= 1:
            # One line per periodic job that did something; failures always show. Every
            # task's start and end (django-tasks' own lines) with --verbosity 2.
            for name in ("django_tasks", "django_tasks_db"):
                logging.getLogger(name).addFilter(_warnings_only)
            task_finished.connect(_log_job_that_did_something, weak=False)
        worker = SteadyWorker(
            queue_names=["*"],
            interval=1,
            batch=options["batch"],
            backend_name="default",
            startup_delay=not options["batch"],
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()


def _warnings_only(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.WARNING


def _log_job_that_did_something(sender: object, task_result: TaskResult, **kwargs: Any) -> None:
    names = {job.task.module_path: job.name for job in JOBS}
    name = names.get(task_result.task.module_path)
    if name is None or task_result.status != TaskResultStatus.SUCCESSFUL:
        return
    summary = did_something(task_result.return_value)
    if summary:
        log.info("%s: %s", name, summary)


def did_something(result: object) -> str:
    """A job's result in a few words, or "" when it did nothing (0, empty, None)."""
    if isinstance(result, dict):
        return ", ".join(f"{v} {k}" for k, v in result.items() if v)
    if isinstance(result, list | tuple | set):
        return f"{len(result)} done" if result else ""
    if isinstance(result, bool) or result is None:
        return ""
    if isinstance(result, int):
        return f"{result} done" if result else ""
    return str(result)
