from datetime import timedelta

from django.utils import timezone

from charterdesk.core.schedule import JOBS, run_due
from charterdesk.tickets.models import Status
from charterdesk.tickets.services import ticket_update
from charterdesk.tickets.tasks import close_solved_tickets
from tests.tickets.factories import open_ticket


def test_a_due_job_is_enqueued_once_however_often_schedulers_look(db):
    now = timezone.now()
    assert run_due(now) == [job.name for job in JOBS]
    assert run_due(now) == []
    assert run_due(now + timedelta(seconds=30)) == []
    assert "close-solved-tickets" in run_due(now + timedelta(hours=1, seconds=1))


def test_solved_tickets_close_after_the_grace_period(personas, settings):
    settings.CLOSE_SOLVED_AFTER_DAYS = 7
    old, fresh = open_ticket(), open_ticket()
    for ticket in (old, fresh):
        ticket_update(ticket, personas.tier1, status=Status.SOLVED)
    old.solved_at = timezone.now() - timedelta(days=8)
    old.save()
    assert close_solved_tickets.call() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, fresh.status) == (Status.CLOSED, Status.SOLVED)
    assert old.events.filter(field="status", new_value="closed", actor=None).exists()
