"""Writing playbooks in the desk: a new playbook, editing its draft (started from the live
version), publishing it as a new version, archiving and restoring. Support managers,
administrators and relationship managers only (403 for other agents)."""

from collections.abc import Callable

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user

from . import playbooks, selectors
from .models import Playbook
from .placeholders import PLACEHOLDERS
from .playbook_forms import PlaybookEditor

PUBLISH = "publish"
CHANGES: dict[str, tuple[Callable[..., object], str]] = {
    "publish": (playbooks.playbook_publish, "Published: runs from now on use the new version."),
    "archive": (playbooks.playbook_archive, "Archived."),
    "restore": (playbooks.playbook_restore, "Restored."),
    "default": (
        playbooks.playbook_set_default_onboarding,
        "New contracts are onboarded with this playbook from now on.",
    ),
}


def _editor_page(
    request: HttpRequest, editor: PlaybookEditor, playbook: Playbook | None
) -> HttpResponse:
    context = {"editor": editor, "playbook": playbook, "placeholders": PLACEHOLDERS}
    return render(request, "success/playbook_edit.html", context)


def _save(request: HttpRequest, editor: PlaybookEditor, playbook: Playbook | None) -> Playbook:
    """Save the draft (a new playbook when `playbook` is None); publish it when asked."""
    user = signed_in_user(request)
    content = editor.content()
    with transaction.atomic(durable=True):
        if playbook is None:
            playbook = playbooks.playbook_create(actor=user, content=content)
        else:
            playbook = selectors.playbook_lock_for(user, playbook.pk)
            playbooks.playbook_draft_save(playbook=playbook, actor=user, content=content)
        if request.POST.get("action") == PUBLISH:
            playbooks.playbook_publish(playbook=playbook, actor=user)
    return playbook


@agent_required
def playbook_new(request: HttpRequest) -> HttpResponse:
    selectors.require_playbook_writer(signed_in_user(request))
    return _edit(request, None)


@agent_required
def playbook_edit(request: HttpRequest, playbook_id: int) -> HttpResponse:
    user = signed_in_user(request)
    selectors.require_playbook_writer(user)
    return _edit(request, selectors.playbook_get_for(user, playbook_id))


def _edit(request: HttpRequest, playbook: Playbook | None) -> HttpResponse:
    if request.method != "POST":
        start = playbook and (selectors.draft_of(playbook) or playbook.live_version)
        return _editor_page(request, PlaybookEditor(version=start or None), playbook)
    editor = PlaybookEditor(request.POST)
    if editor.is_valid():
        try:
            saved = _save(request, editor, playbook)
        except ValidationError as exc:
            editor.show_errors(exc)
        else:
            done = "published" if request.POST.get("action") == PUBLISH else "saved as a draft"
            flash.success(request, f"Playbook {done}.")
            return redirect("success:playbook", playbook_id=saved.pk)
    return _editor_page(request, editor, playbook)


def _change(request: HttpRequest, playbook_id: int, change: str) -> HttpResponse:
    """Publish the draft, archive or restore; a refusal is shown on the playbook's page."""
    user = signed_in_user(request)
    selectors.require_playbook_writer(user)
    service, done = CHANGES[change]
    try:
        with transaction.atomic(durable=True):
            service(playbook=selectors.playbook_lock_for(user, playbook_id), actor=user)
    except ValidationError as exc:
        for messages in exc.message_dict.values():
            flash.error(request, " ".join(messages))
    else:
        flash.success(request, done)
    return redirect("success:playbook", playbook_id=playbook_id)


@agent_required
@require_POST
def playbook_publish(request: HttpRequest, playbook_id: int) -> HttpResponse:
    return _change(request, playbook_id, "publish")


@agent_required
@require_POST
def playbook_archive(request: HttpRequest, playbook_id: int) -> HttpResponse:
    return _change(request, playbook_id, "archive")


@agent_required
@require_POST
def playbook_restore(request: HttpRequest, playbook_id: int) -> HttpResponse:
    return _change(request, playbook_id, "restore")


@agent_required
@require_POST
def playbook_make_default(request: HttpRequest, playbook_id: int) -> HttpResponse:
    return _change(request, playbook_id, "default")
