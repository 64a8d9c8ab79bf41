import logging
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandParser
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.signals import task_finished

from ...schedule import JOBS
from ..base import CharterCommand

log = logging.getLogger("charterdesk.worker")


class Command(CharterCommand):
    help = "Run a background worker (database task queue; run as many as you like)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verbosity"] <= 1:
            # One line per periodic job that did something; failures always show. Every
            # task's start and end (django-tasks' own lines) with --verbosity 2.
            for name in ("django_tasks", "django_tasks_db"):
                logging.getLogger(name).addFilter(_warnings_only)
            task_finished.connect(_log_job_that_did_something, weak=False)
        call_command(
            "db_worker",
            batch=options["batch"],
            queue_name="*",
            reload=False,
            startup_delay=not options["batch"],
        )


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
