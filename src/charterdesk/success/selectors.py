"""Who may read and write customer success, and the reads behind its pages and API.

Agents read playbooks, runs, account pages and health; support managers (and
administrators) write everything; a relationship manager writes for the organizations they
look after (on the organization or on one of its contracts). Customers see nothing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Role
from charterdesk.customers.models import Contact, Organization
from charterdesk.incidents.models import Deployment

from .models import (
    AccountReview,
    Lesson,
    Playbook,
    PlaybookRun,
    PlaybookVersion,
    ReviewState,
    RunTask,
    TaskMail,
    TaskState,
    VersionState,
)

WRITERS = (Role.MANAGER, Role.ADMIN)


def require_reader(user: User) -> None:
    if not user.is_agent:
        raise PermissionDenied("Customer success is for support staff.")


def managed_by(user: User) -> Q:
    """Organizations `user` is the relationship manager of (directly or by contract)."""
    return Q(relationship_manager=user) | Q(contracts__relationship_manager=user)


def is_relationship_manager(user: User) -> bool:
    return Organization.objects.filter(managed_by(user)).exists()


def can_write_playbooks(user: User) -> bool:
    return user.is_agent and (user.role in WRITERS or is_relationship_manager(user))


def can_write_for(user: User, organization: Organization) -> bool:
    if not user.is_agent:
        return False
    if user.role in WRITERS:
        return True
    return Organization.objects.filter(managed_by(user), pk=organization.pk).exists()


def require_playbook_writer(user: User) -> None:
    require_reader(user)
    if not can_write_playbooks(user):
        raise PermissionDenied("Support managers and relationship managers write playbooks.")


def require_writer_for(user: User, organization: Organization) -> None:
    require_reader(user)
    if not can_write_for(user, organization):
        raise PermissionDenied(
            "Support managers and this organization's relationship manager run its playbooks."
        )


def playbooks_for(user: User) -> QuerySet[Playbook]:
    require_reader(user)
    return Playbook.objects.select_related("live_version")


def playbooks_published_for(user: User) -> QuerySet[Playbook]:
    """The playbooks that run: published and not archived."""
    return playbooks_for(user).filter(live_version__isnull=False, archived_at__isnull=True)


def playbooks_unpublished_for(user: User) -> QuerySet[Playbook]:
    """Drafts never published and archived playbooks (for the writers' list), with the
    title of their latest version."""
    latest = PlaybookVersion.objects.filter(playbook=OuterRef("pk")).order_by("-number")
    return (
        playbooks_for(user)
        .filter(Q(live_version__isnull=True) | Q(archived_at__isnull=False))
        .annotate(latest_title=Subquery(latest.values("title")[:1]))
        .order_by("archived_at", "situation", "id")
    )


def playbook_lock_for(user: User, playbook_id: int) -> Playbook:
    playbook = playbooks_for(user).select_for_update(of=("self",)).filter(pk=playbook_id).first()
    if playbook is None:
        raise Http404("No such playbook.")
    return playbook


def playbook_get_for(user: User, playbook_id: int) -> Playbook:
    try:
        return playbooks_for(user).get(pk=playbook_id)
    except Playbook.DoesNotExist:
        raise Http404("No such playbook.") from None


def version_with_parts(version_id: int) -> PlaybookVersion:
    return (
        PlaybookVersion.objects.select_related("playbook")
        .prefetch_related("steps__owner", "templates")
        .get(pk=version_id)
    )


def live_version_of(playbook: Playbook) -> PlaybookVersion:
    """The version runs start from; a ValidationError while there is none."""
    if playbook.archived_at is not None:
        raise ValidationError({"playbook": "This playbook is archived; restore it to run it."})
    if playbook.live_version is None:
        raise ValidationError({"playbook": "Publish the playbook before running it."})
    return playbook.live_version


def draft_of(playbook: Playbook) -> PlaybookVersion | None:
    return playbook.versions.filter(state=VersionState.DRAFT).first()


def versions_of(playbook: Playbook) -> QuerySet[PlaybookVersion]:
    return playbook.versions.select_related("created_by").order_by("-number")


def lessons_of(playbook: Playbook) -> QuerySet[Lesson]:
    return playbook.lessons.select_related("author")


def organization_get_for(user: User, organization_id: int) -> Organization:
    require_reader(user)
    try:
        return Organization.objects.select_related("relationship_manager").get(pk=organization_id)
    except Organization.DoesNotExist:
        raise Http404("No such organization.") from None


def runs_with_tasks() -> QuerySet[PlaybookRun]:
    tasks = RunTask.objects.select_related("owner", "finished_by").order_by("position")
    return PlaybookRun.objects.select_related(
        "version__playbook", "organization", "started_by"
    ).prefetch_related(Prefetch("tasks", queryset=tasks))


def run_get_for(user: User, run_id: int) -> PlaybookRun:
    require_reader(user)
    try:
        return runs_with_tasks().get(pk=run_id)
    except PlaybookRun.DoesNotExist:
        raise Http404("No such playbook run.") from None


def task_lock_for(user: User, task_id: int, *, run_id: int | None = None) -> RunTask:
    """The task, locked, for a user who may finish it: a writer for its organization or the
    task's owner."""
    require_reader(user)
    task = (
        RunTask.objects.select_for_update(of=("self",))
        .select_related("run__organization", "run__version")
        .filter(pk=task_id)
        .first()
    )
    if task is None or (run_id is not None and task.run_id != run_id):
        raise Http404("No such task.")
    if task.owner_id != user.pk:
        require_writer_for(user, task.run.organization)
    return task


def open_tasks_of(organization: Organization) -> QuerySet[RunTask]:
    return (
        RunTask.objects.filter(run__organization=organization, state=TaskState.OPEN)
        .select_related("owner", "run__version")
        .order_by("due_at", "id")
    )


def next_review_of(organization: Organization) -> AccountReview | None:
    return (
        AccountReview.objects.filter(organization=organization, state=ReviewState.SCHEDULED)
        .order_by("scheduled_for", "id")
        .first()
    )


def contacts_of(organization: Organization) -> QuerySet[Contact]:
    """The organization's active contacts (who a task's mail may go to)."""
    return Contact.objects.filter(organization=organization, deactivated_at__isnull=True).order_by(
        "name", "email"
    )


def mails_of(run: PlaybookRun) -> QuerySet[TaskMail]:
    return TaskMail.objects.filter(task__run=run).select_related("task", "sent_by")


def runs_of(organization: Organization) -> QuerySet[PlaybookRun]:
    return (
        PlaybookRun.objects.filter(organization=organization)
        .select_related("version")
        .order_by("state", "-started_at", "-id")
    )


def deployments_of(organization: Organization) -> QuerySet[Deployment]:
    return Deployment.objects.filter(organization=organization).select_related("service")


def reviews_of(organization: Organization) -> QuerySet[AccountReview]:
    return AccountReview.objects.filter(organization=organization).order_by("-scheduled_for", "-id")


def review_get_for(user: User, review_id: int) -> AccountReview:
    require_reader(user)
    review = AccountReview.objects.select_related("organization", "held_by").filter(pk=review_id)
    found = review.first()
    if found is None:
        raise Http404("No such review.")
    return found


def review_lock_for(user: User, review_id: int) -> AccountReview:
    require_reader(user)
    review = (
        AccountReview.objects.select_for_update(of=("self",))
        .select_related("organization")
        .filter(pk=review_id)
        .first()
    )
    if review is None:
        raise Http404("No such review.")
    require_writer_for(user, review.organization)
    return review
