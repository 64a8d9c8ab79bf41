from typing import Any

from django.core.management.base import CommandParser
from django.utils.crypto import get_random_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from ...outage import DATABASE_DOWN, Outage
from ..base import CharterCommand


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
