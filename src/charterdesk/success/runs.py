"""Running a playbook on an organization: tasks with owners and due dates on the
support calendar, finishing them, and mail from a task's templates through the outbox.

Every change is in the audit log (the models are audited in apps.py). The outermost caller
owns the transaction."""

from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Role
from charterdesk.calendars import BusinessCalendar
from charterdesk.customers.models import Contact, Organization
from charterdesk.incidents.business_days import business_days_after, default_calendar
from charterdesk.mail.outbox import mail_queue
from charterdesk.plans.selectors import contract_active_for

from .models import (
    MailTemplate,
    OwnerRole,
    PlaybookRun,
    PlaybookStep,
    PlaybookVersion,
    RunState,
    RunTask,
    TaskMail,
    TaskState,
)
from .placeholders import render
from .selectors import next_review_of

NOTE_LIMIT = 2000


def support_calendar(organization: Organization, now: datetime) -> BusinessCalendar:
    """The calendar of the organization's active contract's plan; Monday to Friday (UTC)
    without one."""
    contract = contract_active_for(organization, now.date())
    if contract is not None and contract.plan.calendar is not None:
        return contract.plan.calendar.business_calendar
    return default_calendar()


def relationship_manager_of(organization: Organization, now: datetime) -> User | None:
    if organization.relationship_manager is not None:
        return organization.relationship_manager
    contract = contract_active_for(organization, now.date())
    return contract.relationship_manager if contract is not None else None


def support_manager() -> User | None:
    return User.objects.filter(role=Role.MANAGER, is_active=True).order_by("pk").first()


def _owner_of(
    step: PlaybookStep, *, organization: Organization, agent: User, now: datetime
) -> User:
    if step.owner_role == OwnerRole.RELATIONSHIP_MANAGER:
        return relationship_manager_of(organization, now) or agent
    if step.owner_role == OwnerRole.SUPPORT_MANAGER:
        return support_manager() or agent
    if step.owner_role == OwnerRole.NAMED_PERSON and step.owner is not None:
        return step.owner
    return agent


def run_start(
    *,
    version: PlaybookVersion,
    organization: Organization,
    actor: User | None,
    agent: User | None = None,
    now: datetime | None = None,
) -> PlaybookRun:
    """Run a published version on the organization: one task per step, owned by who the
    step names, due `due_days` business days after today on the support calendar.
    `agent` is the assigned agent (default: whoever starts it). `actor` None: CharterDesk
    (onboarding)."""
    now = now or timezone.now()
    if version.published_at is None:
        raise ValidationError({"playbook": "Publish the playbook before running it."})
    if version.playbook.archived_at is not None:
        raise ValidationError({"playbook": "This playbook is archived; restore it to run it."})
    assigned = agent or actor or relationship_manager_of(organization, now) or support_manager()
    if assigned is None or not assigned.is_agent:
        raise ValidationError({"agent": "Choose a member of the support staff."})
    run = PlaybookRun.objects.create(
        version=version,
        organization=organization,
        started_by=actor,
        assigned_agent=assigned,
        started_at=now,
    )
    calendar = support_calendar(organization, now)
    steps = version.steps.select_related("owner").order_by("position")
    for step in steps:  # one by one, so the audit log records each task
        RunTask.objects.create(
            run=run,
            step=step,
            position=step.position,
            title=step.title,
            owner=_owner_of(step, organization=organization, agent=assigned, now=now),
            due_at=business_days_after(now, step.due_days, calendar),
        )
    return run


def task_finish(
    *, task: RunTask, actor: User, state: str, note: str = "", now: datetime | None = None
) -> RunTask:
    """Mark an open task done or skipped, with a note; the run completes when no task is
    left open."""
    errors = {}
    if state not in (TaskState.DONE, TaskState.SKIPPED):
        errors["state"] = "Choose done or skipped."
    if task.state != TaskState.OPEN:
        errors["state"] = f"The task is already {task.get_state_display().lower()}."
    if state == TaskState.SKIPPED and not note.strip():
        errors["note"] = "Say why the task is skipped."
    if len(note) > NOTE_LIMIT:
        errors["note"] = f"Keep the note under {NOTE_LIMIT} characters."
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    task.state = state
    task.note = note.strip()
    task.finished_by = actor
    task.finished_at = now
    task.save(update_fields=["state", "note", "finished_by", "finished_at"])
    _complete_if_done(task.run, now)
    return task


def _complete_if_done(run: PlaybookRun, now: datetime) -> None:
    if run.state == RunState.RUNNING and not run.tasks.filter(state=TaskState.OPEN).exists():
        run.state = RunState.COMPLETED
        run.completed_at = now
        run.save(update_fields=["state", "completed_at"])


def placeholder_values(
    organization: Organization, contact: Contact | None, sender: User, now: datetime
) -> dict[str, str]:
    contract = contract_active_for(organization, now.date())
    manager = relationship_manager_of(organization, now)
    review = next_review_of(organization)
    name = (contact.name if contact else "") or (contact.email if contact else "")
    return {
        "organization": organization.name,
        "contact_name": name,
        "contact_first_name": name.split()[0] if name else "",
        "relationship_manager": str(manager) if manager else "",
        "agent_name": str(sender),
        "plan": contract.plan.name if contract else "",
        "next_review": f"{review.scheduled_for:%-d %B %Y}" if review else "",
        "portal_link": f"{settings.SITE_URL}/portal/",
    }


def task_mail_send(
    *,
    task: RunTask,
    template: MailTemplate,
    contacts: Sequence[Contact],
    actor: User,
    now: datetime | None = None,
) -> TaskMail:
    """Mail `template` to each chosen contact of the task's organization, placeholders
    filled for each, through the outbox (sent after the commit)."""
    now = now or timezone.now()
    organization = task.run.organization
    if template.version_id != task.run.version_id:
        raise ValidationError({"template": "Choose a template of this playbook version."})
    chosen = [c for c in contacts if c.organization_id == organization.pk and c.is_active]
    if not chosen or len(chosen) != len(contacts):
        raise ValidationError({"contacts": f"Choose active contacts of {organization}."})
    subject = ""
    for contact in chosen:
        values = placeholder_values(organization, contact, actor, now)
        subject = render(template.subject, values)
        mail_queue(
            to=contact.email,
            template="success/mail/playbook",
            context={"subject": subject, "body": render(template.body, values)},
            automatic=False,
        )
    return TaskMail.objects.create(
        task=task,
        template=template,
        subject=subject,
        recipients=[c.email for c in chosen],
        sent_by=actor,
        sent_at=now,
    )
