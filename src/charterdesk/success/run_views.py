"""A playbook run: its tasks, finishing them, and sending a task's mail templates."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.knowledge.markdown import render as markdown

from . import runs, selectors
from .forms import TaskFinishForm, TaskMailForm
from .models import PlaybookRun
from .view_helpers import show_errors


def _mail_form(run: PlaybookRun, data: object = None) -> TaskMailForm:
    return TaskMailForm(
        data,
        templates=run.version.templates.all(),
        contacts=selectors.contacts_of(run.organization),
    )


def _page(request: HttpRequest, run_id: int, **extra: object) -> HttpResponse:
    user = signed_in_user(request)
    run = selectors.run_get_for(user, run_id)
    context = {
        "run": run,
        "tasks": list(run.tasks.all()),
        "now": timezone.now(),
        "script_html": markdown(run.version.script),
        "finish_form": TaskFinishForm(),
        "mail_form": _mail_form(run),
        "templates": list(run.version.templates.all()),
        "contacts": list(selectors.contacts_of(run.organization)[:200]),
        "mails": selectors.mails_of(run),
        "can_write": selectors.can_write_for(user, run.organization),
        "user_id": user.pk,
        **extra,
    }
    return render(request, "success/run.html", context)


@agent_required
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    return _page(request, run_id)


@agent_required
@require_POST
def task_finish(request: HttpRequest, run_id: int, task_id: int) -> HttpResponse:
    user = signed_in_user(request)
    form = TaskFinishForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                task = selectors.task_lock_for(user, task_id, run_id=run_id)
                runs.task_finish(task=task, actor=user, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            flash.success(request, f"“{task.title}” is {task.get_state_display().lower()}.")
            return redirect("success:run", run_id=run_id)
    return _page(request, run_id, finish_form=form, form_task_id=task_id)


@agent_required
@require_POST
def task_mail(request: HttpRequest, run_id: int, task_id: int) -> HttpResponse:
    user = signed_in_user(request)
    run = selectors.run_get_for(user, run_id)
    form = _mail_form(run, request.POST)
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                task = selectors.task_lock_for(user, task_id, run_id=run_id)
                sent = runs.task_mail_send(
                    task=task,
                    template=form.cleaned_data["template"],
                    contacts=list(form.cleaned_data["contacts"]),
                    actor=user,
                )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            flash.success(request, f"“{sent.subject}” queued for {', '.join(sent.recipients)}.")
            return redirect("success:run", run_id=run_id)
    return _page(request, run_id, mail_form=form, form_task_id=task_id)
