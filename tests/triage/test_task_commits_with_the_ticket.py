"""With production's task queue (a table of our database), a new ticket's triage task is
written in the ticket's own transaction: committed with it, rolled back with it, never
lost between the commit and an enqueue after it."""

import pytest
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from charterdesk.intake.services import ticket_create
from charterdesk.tickets.models import Ticket
from charterdesk.triage.tasks import triage_ticket

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("production_tasks"),
]


class AbandonedError(Exception):
    pass


@pytest.fixture
def production_tasks():  # type: ignore[no-untyped-def]
    queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=queue):
        yield


def _triage_tasks() -> list[list[int]]:
    rows = DBTaskResult.objects.filter(task_path=triage_ticket.module_path)
    return [row.args_kwargs["args"] for row in rows]


def test_the_task_is_queued_before_the_ticket_commits(live_personas):
    with transaction.atomic(durable=True):
        ticket = ticket_create(
            requester=live_personas.alice.contact, subject="Export fails", body="Error 500"
        )
        assert _triage_tasks() == [[ticket.pk]]  # in the transaction: nothing waits for COMMIT
    assert _triage_tasks() == [[ticket.pk]]


def test_a_creation_rolled_back_leaves_no_task(live_personas):
    with pytest.raises(AbandonedError), transaction.atomic(durable=True):
        ticket_create(requester=live_personas.alice.contact, subject="Export", body="Error")
        raise AbandonedError
    assert not Ticket.objects.exists()
    assert _triage_tasks() == []
