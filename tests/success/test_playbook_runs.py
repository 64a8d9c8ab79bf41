from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from charterdesk.core.models import AuditEntry
from charterdesk.mail.models import OutboundMail
from charterdesk.success import playbooks, runs
from charterdesk.success.models import RunState, TaskState

from .factories import content, published_playbook, run_on

MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=ZoneInfo("UTC"))


def test_running_a_playbook_creates_tasks_with_owners_and_business_day_due_dates(personas):
    playbook = published_playbook(personas.manager)
    run = run_on(playbook, "Acme Corp", personas.tier1, now=MONDAY)
    tasks = list(run.tasks.order_by("position"))
    assert [t.title for t in tasks] == [
        "Kick-off call",
        "Check the first tickets",
        "Ask for feedback",
    ]
    # Acme's relationship manager owns the kick-off; the one who ran it owns agent steps.
    assert tasks[0].owner == personas.manager
    assert tasks[1].owner == personas.tier1
    assert tasks[0].due_at.date() == MONDAY.date()
    # Three business days after a Monday is a Thursday; ten is two weeks later.
    assert tasks[1].due_at.astimezone(ZoneInfo("Europe/London")).date().isoformat() == "2026-11-05"
    assert tasks[2].due_at.date() >= (MONDAY + timedelta(days=14)).date()


def test_a_run_keeps_the_version_it_started_with(personas):
    playbook = published_playbook(personas.manager)
    run = run_on(playbook, "Acme Corp", personas.manager)
    playbooks.playbook_draft_save(
        playbook=playbook, actor=personas.manager, content=content(title="Onboarding, v2")
    )
    playbooks.playbook_publish(playbook=playbook, actor=personas.manager)
    playbook.refresh_from_db()
    run.refresh_from_db()
    assert playbook.live_version.number == 2
    assert (run.version.number, run.version.title) == (1, "Onboarding a new customer")


def test_the_run_completes_when_every_task_is_done_or_skipped(personas):
    run = run_on(published_playbook(personas.manager), "Acme Corp", personas.manager)
    first, second, third = run.tasks.order_by("position")
    runs.task_finish(task=first, actor=personas.manager, state=TaskState.DONE, note="Good call")
    with pytest.raises(ValidationError) as skipped_without_reason:
        runs.task_finish(task=second, actor=personas.manager, state=TaskState.SKIPPED)
    assert "note" in skipped_without_reason.value.message_dict
    runs.task_finish(task=second, actor=personas.manager, state=TaskState.SKIPPED, note="n/a")
    run.refresh_from_db()
    assert run.state == RunState.RUNNING
    runs.task_finish(task=third, actor=personas.manager, state=TaskState.DONE)
    run.refresh_from_db()
    assert run.state == RunState.COMPLETED
    logged = AuditEntry.objects.filter(kind="success.runtask").count()
    assert logged >= 6  # three created, three finished


def test_a_template_mail_goes_to_the_contacts_through_the_outbox(personas):
    run = run_on(published_playbook(personas.manager), "Acme Corp", personas.manager)
    task = run.tasks.first()
    alice = personas.alice.contact
    template = run.version.templates.get()
    runs.task_mail_send(task=task, template=template, contacts=[alice], actor=personas.manager)
    sent = OutboundMail.objects.get(recipient=alice.email)
    assert sent.subject == "Welcome, Acme Corp"
    first_name = (alice.name or alice.email).split()[0]
    assert f"Hello {first_name}," in sent.text
    assert "welcome aboard, Acme Corp!" in sent.text


def test_mail_only_goes_to_the_organizations_own_contacts(personas):
    run = run_on(published_playbook(personas.manager), "Acme Corp", personas.manager)
    template = run.version.templates.get()
    with pytest.raises(ValidationError) as error:
        runs.task_mail_send(
            task=run.tasks.first(),
            template=template,
            contacts=[personas.bob.contact],
            actor=personas.manager,
        )
    assert "contacts" in error.value.message_dict
    assert not OutboundMail.objects.filter(recipient=personas.bob.email).exists()


def test_an_unknown_placeholder_is_a_field_error(personas):
    bad = content(templates=[playbooks.TemplateIn("Bad", "Hi {contact.user.password}", "x")])
    with pytest.raises(ValidationError) as error:
        playbooks.playbook_create(actor=personas.manager, content=bad)
    assert "Unknown placeholder" in str(error.value.message_dict["templates[0].subject"])
