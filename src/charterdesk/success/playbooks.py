"""Writing playbooks: drafts, publishing (a new version each time), lessons.

The outermost caller owns the transaction; every function here runs inside it."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from charterdesk.accounts.models import User

from . import indexing
from .models import (
    Lesson,
    MailTemplate,
    OwnerRole,
    Playbook,
    PlaybookStep,
    PlaybookVersion,
    Situation,
    VersionState,
)
from .placeholders import check_template
from .selectors import draft_of

MAX_DUE_DAYS = 365


@dataclass(frozen=True)
class StepIn:
    title: str
    owner_role: str
    due_days: int = 0
    description: str = ""
    owner: User | None = None


@dataclass(frozen=True)
class TemplateIn:
    name: str
    subject: str
    body: str


@dataclass(frozen=True)
class Content:
    title: str
    situation: str
    summary: str = ""
    script: str = ""
    steps: Sequence[StepIn] = ()
    templates: Sequence[TemplateIn] = ()
    change_note: str = ""


def _step_errors(index: int, step: StepIn) -> dict[str, str]:
    errors = {}
    where = f"steps[{index}]"
    if not step.title.strip():
        errors[f"{where}.title"] = "Give the step a title."
    if step.owner_role not in OwnerRole.values:
        errors[f"{where}.owner_role"] = f"Choose one of {', '.join(OwnerRole.values)}."
    elif step.owner_role == OwnerRole.NAMED_PERSON and (
        step.owner is None or not step.owner.is_agent
    ):
        errors[f"{where}.owner"] = "Name a member of the support staff for this step."
    if not 0 <= step.due_days <= MAX_DUE_DAYS:
        errors[f"{where}.due_days"] = f"Between 0 and {MAX_DUE_DAYS} business days."
    return errors


def _template_errors(index: int, template: TemplateIn) -> dict[str, str]:
    errors = {}
    where = f"templates[{index}]"
    if not template.name.strip():
        errors[f"{where}.name"] = "Give the template a name."
    for field in ("subject", "body"):
        text = getattr(template, field)
        problem = check_template(text) if text.strip() else "Write it."
        if problem:
            errors[f"{where}.{field}"] = problem
    return errors


def content_check(content: Content) -> None:
    """Every problem of the content at once, as a ValidationError by field."""
    errors: dict[str, str] = {}
    if not content.title.strip():
        errors["title"] = "Give the playbook a title."
    if content.situation not in Situation.values:
        errors["situation"] = f"Choose one of {', '.join(Situation.values)}."
    for index, step in enumerate(content.steps):
        errors.update(_step_errors(index, step))
    for index, template in enumerate(content.templates):
        errors.update(_template_errors(index, template))
    if errors:
        raise ValidationError(errors)


def playbook_create(*, actor: User | None, content: Content) -> Playbook:
    """A new playbook with its first version as a draft."""
    content_check(content)
    playbook = Playbook.objects.create(situation=content.situation, created_by=actor)
    _write_version(playbook, 1, actor=actor, content=content)
    return playbook


def playbook_draft_save(*, playbook: Playbook, actor: User, content: Content) -> PlaybookVersion:
    """Replace the playbook's draft (or start one) with `content`."""
    content_check(content)
    draft = draft_of(playbook)
    if draft is not None:
        number = draft.number
        draft.delete()
    else:
        number = (playbook.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    if playbook.situation != content.situation:
        playbook.situation = content.situation
        playbook.save(update_fields=["situation"])
    return _write_version(playbook, number, actor=actor, content=content)


def _write_version(
    playbook: Playbook, number: int, *, actor: User | None, content: Content
) -> PlaybookVersion:
    version = PlaybookVersion.objects.create(
        playbook=playbook,
        number=number,
        title=content.title.strip(),
        summary=content.summary.strip(),
        script=content.script,
        change_note=content.change_note.strip()[:300],
        created_by=actor,
    )
    PlaybookStep.objects.bulk_create(
        PlaybookStep(
            version=version,
            position=index,
            title=step.title.strip(),
            description=step.description.strip(),
            owner_role=step.owner_role,
            owner=step.owner if step.owner_role == OwnerRole.NAMED_PERSON else None,
            due_days=step.due_days,
        )
        for index, step in enumerate(content.steps, start=1)
    )
    MailTemplate.objects.bulk_create(
        MailTemplate(version=version, name=t.name.strip(), subject=t.subject, body=t.body)
        for t in content.templates
    )
    return version


def content_of(version: PlaybookVersion) -> Content:
    """A version's content, to start a new draft from."""
    return Content(
        title=version.title,
        situation=version.playbook.situation,
        summary=version.summary,
        script=version.script,
        steps=[
            StepIn(s.title, s.owner_role, s.due_days, s.description, s.owner)
            for s in version.steps.select_related("owner")
        ],
        templates=[TemplateIn(t.name, t.subject, t.body) for t in version.templates.all()],
    )


def playbook_publish(
    *, playbook: Playbook, actor: User | None, now: datetime | None = None
) -> PlaybookVersion:
    """The draft becomes the live version; the one before is superseded (runs keep it)."""
    draft = draft_of(playbook)
    if draft is None:
        raise ValidationError({"draft": "There is no draft to publish."})
    if not draft.steps.exists():
        raise ValidationError({"steps": "A playbook needs at least one step to be published."})
    PlaybookVersion.objects.filter(playbook=playbook, state=VersionState.PUBLISHED).update(
        state=VersionState.SUPERSEDED
    )
    draft.state = VersionState.PUBLISHED
    draft.published_at = now or timezone.now()
    draft.save(update_fields=["state", "published_at"])
    playbook.live_version = draft
    playbook.save(update_fields=["live_version"])
    indexing.reindex(playbook)
    return draft


def playbook_archive(*, playbook: Playbook, actor: User, now: datetime | None = None) -> None:
    """Archive: out of the list, the search and the runs; its versions and runs stay."""
    if playbook.archived_at is not None:
        raise ValidationError({"playbook": "The playbook is already archived."})
    if playbook.default_for_onboarding:
        raise ValidationError(
            {"playbook": "New contracts are onboarded with it: make another the default first."}
        )
    playbook.archived_at = now or timezone.now()
    playbook.save(update_fields=["archived_at"])
    indexing.reindex(playbook)


def playbook_restore(*, playbook: Playbook, actor: User) -> None:
    if playbook.archived_at is None:
        raise ValidationError({"playbook": "The playbook is not archived."})
    playbook.archived_at = None
    playbook.save(update_fields=["archived_at"])
    indexing.reindex(playbook)


def playbook_set_default_onboarding(*, playbook: Playbook, actor: User) -> None:
    if playbook.situation != Situation.ONBOARDING:
        raise ValidationError({"default_for_onboarding": "Only an onboarding playbook."})
    if playbook.archived_at is not None or playbook.live_version_id is None:
        raise ValidationError(
            {"default_for_onboarding": "Only a published playbook that is not archived."}
        )
    Playbook.objects.filter(default_for_onboarding=True).exclude(pk=playbook.pk).update(
        default_for_onboarding=False
    )
    playbook.default_for_onboarding = True
    playbook.save(update_fields=["default_for_onboarding"])


def lesson_add(*, playbook: Playbook, author: User, text: str) -> Lesson:
    """Add to the playbook's "What I wish I had known" list (any agent)."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write what you wish you had known."})
    if len(text) > 2000:
        raise ValidationError({"text": "Keep it under 2,000 characters."})
    return Lesson.objects.create(playbook=playbook, author=author, text=text)
