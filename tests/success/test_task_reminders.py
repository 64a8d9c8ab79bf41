from datetime import timedelta

from django.utils import timezone

from charterdesk.mail.models import OutboundMail
from charterdesk.success.models import RunTask
from charterdesk.success.sweep import sweep

from .factories import published_playbook, run_on


def test_owners_are_reminded_the_day_before_and_told_when_overdue_once(personas):
    now = timezone.now()
    run = run_on(published_playbook(personas.manager), "Acme Corp", personas.tier1)
    first, second, _ = run.tasks.order_by("position")
    RunTask.objects.filter(pk=first.pk).update(due_at=now - timedelta(hours=1))
    RunTask.objects.filter(pk=second.pk).update(due_at=now + timedelta(hours=20))
    result = sweep(now)
    assert (result.overdue, result.reminded) == ([first.pk], [second.pk])
    again = sweep(now + timedelta(minutes=15))
    assert (again.overdue, again.reminded) == ([], [])  # never twice
    overdue = OutboundMail.objects.get(subject__startswith="Overdue")
    assert overdue.subject == "Overdue: Kick-off call for Acme Corp"
    assert set(overdue.to) == {personas.manager.email, personas.tier1.email}
    reminder = OutboundMail.objects.get(subject__startswith="Reminder")
    assert reminder.to == [personas.tier1.email]
    assert f"/desk/playbook-runs/{run.pk}/" in reminder.text


def test_a_finished_task_is_never_reminded(personas):
    now = timezone.now()
    run = run_on(published_playbook(personas.manager), "Acme Corp", personas.tier1)
    run.tasks.update(due_at=now - timedelta(hours=1), state="done")
    assert sweep(now).overdue == []
    assert not OutboundMail.objects.filter(subject__startswith="Overdue").exists()


def test_a_task_claimed_by_another_scheduler_is_skipped(personas):
    now = timezone.now()
    run = run_on(published_playbook(personas.manager), "Acme Corp", personas.tier1)
    run.tasks.update(due_at=now - timedelta(hours=1))
    # Another scheduler claimed them between the search and the claim.
    RunTask.objects.update(overdue_notified_at=now)
    assert sweep(now).overdue == []
