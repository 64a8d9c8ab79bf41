from datetime import timedelta

from django.core import mail
from django.utils import timezone

from charterdesk.commitments.models import Commitment
from charterdesk.commitments.sweep import sweep
from charterdesk.commitments.tasks import sweep_commitments
from tests.commitments.factories import promise
from tests.tickets.factories import open_ticket


def _mails_to(email):
    return [m for m in mail.outbox if email in m.to]


def test_the_owner_is_reminded_once_before_the_due_time(
    personas, settings, django_capture_on_commit_callbacks
):
    settings.COMMITMENT_REMIND_MINUTES = 60
    now = timezone.now()
    soon = promise(open_ticket(), personas.tier1, "Call back", timedelta(minutes=50), at=now)
    later = promise(open_ticket(), personas.tier1, "Send report", timedelta(hours=3), at=now)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep(now).reminded == [soon.pk]
        assert sweep(now + timedelta(minutes=5)).reminded == []
    reminders = _mails_to("tier1@charterdesk.example")
    assert len(reminders) == 1 and "Call back" in reminders[0].subject
    later.refresh_from_db()
    assert later.reminded_at is None


def test_at_the_due_time_owner_and_team_lead_hear_it_is_overdue_once(
    personas, django_capture_on_commit_callbacks
):
    now = timezone.now()
    commitment = promise(open_ticket(), personas.tier1, "Call back", timedelta(hours=1), at=now)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep(now + timedelta(hours=1, minutes=1)).overdue == [commitment.pk]
        assert sweep(now + timedelta(hours=1, minutes=2)).overdue == []
    overdue = [m for m in mail.outbox if "Overdue promise" in m.subject]
    assert len(overdue) == 1
    assert set(overdue[0].to) == {"tier1@charterdesk.example", "manager@charterdesk.example"}
    commitment.refresh_from_db()
    assert commitment.state == "open" and commitment.is_overdue(now + timedelta(hours=2))


def test_an_open_promise_past_the_grace_period_is_broken_on_the_record(personas, settings):
    settings.COMMITMENT_GRACE_HOURS = 24
    now = timezone.now()
    commitment = promise(open_ticket(), personas.tier1, "Call back", timedelta(hours=1), at=now)
    assert sweep(now + timedelta(hours=24)).broken == []
    assert sweep(now + timedelta(hours=25, seconds=1)).broken == [commitment.pk]
    commitment.refresh_from_db()
    assert commitment.state == "broken"
    event = commitment.ticket.events.filter(new_value="broken").get()
    assert event.actor is None and "24 h" in event.note and not event.internal


def test_the_scheduled_task_runs_the_sweep(personas):
    promise(
        open_ticket(),
        personas.tier1,
        due_in=timedelta(minutes=1),
        at=timezone.now() - timedelta(minutes=2),
    )
    result = sweep_commitments.call()
    assert result["overdue"] == 1
    assert Commitment.objects.filter(overdue_notified_at__isnull=False).count() == 1
