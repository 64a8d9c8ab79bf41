"""Background tasks enqueued with the transaction that calls for them.

Production's task queue is a table of our own database (django-tasks-db), so a task
enqueued inside the caller's transaction commits with the records it is about, or not at
all: no window between the commit and an enqueue after it in which a dying process loses
the task, and no transaction of its own (on SQLite one commit and one take of the write
lock fewer per request; the enqueue's INSERT used to run outside the queued write lock).
Workers claim rows with `SELECT … FOR UPDATE SKIP LOCKED`, so they never see a task
before its transaction commits. Any other backend (the immediate one of the tests, a
broker) gets the task on commit, as before."""

from typing import Any

from django.db import transaction
from django_tasks.base import Task
from django_tasks_db import DatabaseBackend


def enqueue_with_transaction(task: Task[Any, Any], *args: Any) -> None:
    """Enqueue `task(*args)` durably with the current transaction (see the module)."""
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args))
