"""The learner's pages in the desk: my learning path, an item (a solved ticket shown
read-only with its internal notes, or an article), marking it done; my drafts."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.core.forms import add_service_errors
from charterdesk.tickets.selectors import events_visible_to, messages_visible_to

from .forms import DoneForm
from .models import PathItem
from .paths import item_done
from .selectors import (
    drafts_of_learner,
    drafts_to_review,
    is_enrolled,
    items_with_progress,
    next_item,
    paths_of_learner,
    shadowing_of,
)


@agent_required
def my_learning(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    paths = list(paths_of_learner(user))
    return render(
        request,
        "learning/mine.html",
        {
            "paths": [(p, next_item(items_with_progress(p, user))) for p in paths],
            "shadowing": shadowing_of(user),
            "drafts": drafts_of_learner(user)[:20],
            "to_review": drafts_to_review(user).count(),
        },
    )


@agent_required
def path_page(request: HttpRequest, path_id: int) -> HttpResponse:
    user = signed_in_user(request)
    path = get_object_or_404(paths_of_learner(user), pk=path_id)
    items = items_with_progress(path, user)
    context = {"path": path, "items": items, "next": next_item(items)}
    return render(request, "learning/path.html", context)


def _item_for(request: HttpRequest, item_id: int) -> PathItem:
    item = get_object_or_404(
        PathItem.objects.select_related("path", "ticket", "article__latest_version"), pk=item_id
    )
    if not is_enrolled(item.path_id, signed_in_user(request)):
        raise Http404("No such item on your paths.")
    return item


@agent_required
def item_page(request: HttpRequest, item_id: int, form: DoneForm | None = None) -> HttpResponse:
    """The item to study: a ticket read-only, internal notes included (learners are
    agents), its history; or an article's link. No reply box."""
    item, user = _item_for(request, item_id), signed_in_user(request)
    items = items_with_progress(item.path, user)
    current = next(i for i in items if i.pk == item.pk)
    context = {
        "item": current,
        "path": item.path,
        "form": form or DoneForm(initial={"reflection": getattr(current.done, "reflection", "")}),  # type: ignore[attr-defined]
        "following": next((i for i in items if i.position > item.position), None),
    }
    if item.ticket is not None:
        context["messages_"] = messages_visible_to(user, item.ticket)
        context["events"] = events_visible_to(user, item.ticket)
    return render(request, "learning/item.html", context)


@agent_required
@require_POST
def item_mark_done(request: HttpRequest, item_id: int) -> HttpResponse:
    item, user = _item_for(request, item_id), signed_in_user(request)
    form = DoneForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                item_done(learner=user, item=item, reflection=form.cleaned_data["reflection"])
            flash.success(request, "Marked as done.")
            return redirect("learning:path", path_id=item.path_id)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return item_page(request, item_id, form)
