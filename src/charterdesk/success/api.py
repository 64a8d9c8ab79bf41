"""The customer-success API: playbooks (list, get, create a draft, publish), runs and
their tasks, account health. Managers and relationship managers write; agents read;
customers get 403."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.responses import Status

from charterdesk.accounts.auth import user_of
from charterdesk.accounts.models import User
from charterdesk.accounts.selectors import agent_by_email
from charterdesk.core.validators import Id

from . import playbooks, runs, selectors
from .health import health_of
from .models import Playbook, PlaybookRun, PlaybookVersion, RunTask
from .review_api import router as review_router
from .schemas import (
    HealthOut,
    PlaybookIn,
    PlaybookOut,
    PlaybookSummary,
    RunIn,
    RunOut,
    TaskPatch,
)

router = Router(tags=["customer success"])
router.add_router("", review_router)


def _agent(email: str | None, field: str) -> User | None:
    if not email:
        return None
    agent = agent_by_email(email)
    if agent is None:
        raise ValidationError({field: f"No member of the support staff has the address {email}."})
    return agent


def _content(payload: PlaybookIn) -> playbooks.Content:
    steps = [
        playbooks.StepIn(
            title=step.title,
            owner_role=step.owner_role,
            due_days=step.due_days,
            description=step.description,
            owner=_agent(step.owner_email, f"steps[{index}].owner_email"),
        )
        for index, step in enumerate(payload.steps)
    ]
    templates = [playbooks.TemplateIn(t.name, t.subject, t.body) for t in payload.templates]
    return playbooks.Content(
        title=payload.title,
        situation=payload.situation,
        summary=payload.summary,
        script=payload.script,
        steps=steps,
        templates=templates,
        change_note=payload.change_note,
    )


def _version(version: PlaybookVersion | None) -> dict[str, Any] | None:
    if version is None:
        return None
    version = selectors.version_with_parts(version.pk)
    return {
        "number": version.number,
        "state": version.state,
        "title": version.title,
        "summary": version.summary,
        "script": version.script,
        "published_at": version.published_at,
        "steps": [
            {
                "title": s.title,
                "description": s.description,
                "owner_role": s.owner_role,
                "owner_email": s.owner.email if s.owner else None,
                "due_days": s.due_days,
            }
            for s in version.steps.all()
        ],
        "templates": [
            {"name": t.name, "subject": t.subject, "body": t.body} for t in version.templates.all()
        ],
    }


def _playbook(playbook: Playbook) -> dict[str, Any]:
    return {
        "id": playbook.pk,
        "situation": playbook.situation,
        "default_for_onboarding": playbook.default_for_onboarding,
        "live": _version(playbook.live_version),
        "draft": _version(selectors.draft_of(playbook)),
    }


@router.get("/playbooks", response=list[PlaybookSummary])
def list_playbooks(request: HttpRequest) -> list[dict[str, Any]]:
    rows = selectors.playbooks_published_for(user_of(request))
    return [
        {
            "id": p.pk,
            "situation": p.situation,
            "title": p.live_version.title if p.live_version else "",
            "version": p.live_version.number if p.live_version else None,
        }
        for p in rows
    ]


@router.get("/playbooks/{playbook_id}", response=PlaybookOut)
def get_playbook(request: HttpRequest, playbook_id: Id) -> dict[str, Any]:
    return _playbook(selectors.playbook_get_for(user_of(request), playbook_id))


@router.post("/playbooks", response={201: PlaybookOut})
def create_playbook(request: HttpRequest, payload: PlaybookIn) -> Status[dict[str, Any]]:
    """A new playbook; what it says is its first draft (publish it to run it)."""
    user = user_of(request)
    selectors.require_playbook_writer(user)
    with transaction.atomic(durable=True):
        playbook = playbooks.playbook_create(actor=user, content=_content(payload))
    return Status(201, _playbook(playbook))


@router.put("/playbooks/{playbook_id}/draft", response=PlaybookOut)
def save_draft(request: HttpRequest, playbook_id: Id, payload: PlaybookIn) -> dict[str, Any]:
    """Replace the draft (or start the next version's draft)."""
    user = user_of(request)
    selectors.require_playbook_writer(user)
    with transaction.atomic(durable=True):
        playbook = selectors.playbook_lock_for(user, playbook_id)
        playbooks.playbook_draft_save(playbook=playbook, actor=user, content=_content(payload))
    return _playbook(playbook)


@router.post("/playbooks/{playbook_id}/publish", response=PlaybookOut)
def publish_playbook(request: HttpRequest, playbook_id: Id) -> dict[str, Any]:
    user = user_of(request)
    selectors.require_playbook_writer(user)
    with transaction.atomic(durable=True):
        playbook = selectors.playbook_lock_for(user, playbook_id)
        playbooks.playbook_publish(playbook=playbook, actor=user)
    return _playbook(playbook)


def _run(run: PlaybookRun) -> dict[str, Any]:
    run = selectors.runs_with_tasks().get(pk=run.pk)
    return {
        "id": run.pk,
        "playbook_id": run.version.playbook_id,
        "version": run.version.number,
        "organization_id": run.organization_id,
        "state": run.state,
        "started_at": run.started_at,
        "completed_at": run.completed_at,
        "tasks": [_task(task) for task in run.tasks.all()],
    }


def _task(task: RunTask) -> dict[str, Any]:
    return {
        "id": task.pk,
        "position": task.position,
        "title": task.title,
        "owner_email": task.owner.email if task.owner else None,
        "due_at": task.due_at,
        "state": task.state,
        "note": task.note,
        "finished_at": task.finished_at,
    }


@router.post("/playbooks/{playbook_id}/runs", response={201: RunOut})
def start_run(request: HttpRequest, playbook_id: Id, payload: RunIn) -> Status[dict[str, Any]]:
    user = user_of(request)
    playbook = selectors.playbook_get_for(user, playbook_id)
    organization = selectors.organization_get_for(user, payload.organization_id)
    selectors.require_writer_for(user, organization)
    if playbook.live_version is None:
        raise ValidationError({"playbook": "Publish the playbook before running it."})
    with transaction.atomic(durable=True):
        run = runs.run_start(
            version=playbook.live_version,
            organization=organization,
            actor=user,
            agent=_agent(payload.agent_email, "agent_email"),
        )
    return Status(201, _run(run))


@router.get("/playbook-runs/{run_id}", response=RunOut)
def get_run(request: HttpRequest, run_id: Id) -> dict[str, Any]:
    return _run(selectors.run_get_for(user_of(request), run_id))


@router.patch("/playbook-runs/{run_id}/tasks/{task_id}", response=RunOut)
def update_task(
    request: HttpRequest, run_id: Id, task_id: Id, payload: TaskPatch
) -> dict[str, Any]:
    """Mark a task done or skipped (a note says why it was skipped)."""
    user = user_of(request)
    with transaction.atomic(durable=True):
        task = selectors.task_lock_for(user, task_id, run_id=run_id)
        runs.task_finish(task=task, actor=user, state=payload.state, note=payload.note)
    return _run(task.run)


@router.get("/organizations/{organization_id}/health", response=HealthOut)
def organization_health(request: HttpRequest, organization_id: Id) -> dict[str, Any]:
    organization = selectors.organization_get_for(user_of(request), organization_id)
    health = health_of(organization, timezone.now())
    return {
        "score": health.score,
        "band": health.band,
        "reasons": [reason.__dict__ for reason in health.reasons],
        "computed_at": health.computed_at,
    }
