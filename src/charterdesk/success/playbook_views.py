"""The playbook pages: the list with search, one playbook (live version, script, templates,
lessons, versions) and starting a run on an organization."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.knowledge.markdown import render as markdown

from . import playbooks, runs, selectors
from .forms import LessonForm, PlaybookSearchForm, RunForm
from .indexing import search_playbooks
from .placeholders import PLACEHOLDERS
from .view_helpers import show_errors


@agent_required
def playbook_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = PlaybookSearchForm(request.GET or None)
    rows = selectors.playbooks_published_for(user)
    can_write = selectors.can_write_playbooks(user)
    hits = None
    if form.is_valid():
        if form.cleaned_data["situation"]:
            rows = rows.filter(situation=form.cleaned_data["situation"])
        if form.cleaned_data["q"]:
            hits = search_playbooks(user, form.cleaned_data["q"], rows)
    context = {
        "form": form,
        "playbooks": rows.order_by("situation", "live_version__title")[:200],
        "hits": hits,
        "can_write": can_write,
        "unpublished": selectors.playbooks_unpublished_for(user)[:100] if can_write else [],
    }
    return render(request, "success/playbooks.html", context)


def _detail(request: HttpRequest, playbook_id: int, **forms: object) -> HttpResponse:
    user = signed_in_user(request)
    playbook = selectors.playbook_get_for(user, playbook_id)
    live = (
        selectors.version_with_parts(playbook.live_version_id) if playbook.live_version_id else None
    )
    context = {
        "playbook": playbook,
        "version": live,
        "script_html": markdown(live.script) if live else "",
        "lessons": selectors.lessons_of(playbook),
        "versions": selectors.versions_of(playbook),
        "draft": selectors.draft_of(playbook),
        "placeholders": PLACEHOLDERS,
        "lesson_form": forms.get("lesson_form") or LessonForm(),
        "run_form": forms.get("run_form") or RunForm(),
        "can_write": selectors.can_write_playbooks(user),
    }
    return render(request, "success/playbook.html", context)


@agent_required
def playbook_detail(request: HttpRequest, playbook_id: int) -> HttpResponse:
    return _detail(request, playbook_id)


@agent_required
@require_POST
def lesson_add(request: HttpRequest, playbook_id: int) -> HttpResponse:
    user = signed_in_user(request)
    playbook = selectors.playbook_get_for(user, playbook_id)
    form = LessonForm(request.POST)
    if form.is_valid():
        with transaction.atomic(durable=True):
            playbooks.lesson_add(playbook=playbook, author=user, text=form.cleaned_data["text"])
        flash.success(request, "Thank you: your lesson is on the playbook.")
        return redirect("success:playbook", playbook_id=playbook.pk)
    return _detail(request, playbook_id, lesson_form=form)


@agent_required
@require_POST
def run_new(request: HttpRequest, playbook_id: int) -> HttpResponse:
    user = signed_in_user(request)
    playbook = selectors.playbook_get_for(user, playbook_id)
    form = RunForm(request.POST)
    if form.is_valid():
        organization = form.cleaned_data["organization"]
        selectors.require_writer_for(user, organization)
        try:
            with transaction.atomic(durable=True):
                run = runs.run_start(
                    version=selectors.live_version_of(playbook),
                    organization=organization,
                    actor=user,
                    agent=form.cleaned_data["agent"],
                )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            flash.success(request, f"Playbook started for {organization}.")
            return redirect("success:run", run_id=run.pk)
    return _detail(request, playbook_id, run_form=form)
