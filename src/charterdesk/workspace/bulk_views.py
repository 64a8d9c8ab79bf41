"""The queue's bulk bar: change the selected tickets, undo the last bulk action."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user

from .bulk import BulkResult, bulk_undo, last_bulk_of, tickets_bulk_update
from .bulk_forms import BulkForm
from .selectors import macro_get_for


def _target(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}) or not target.startswith(
        "/"
    ):
        target = "/desk/"
    return target


def _back(request: HttpRequest) -> HttpResponse:
    return redirect(_target(request))


def _again(request: HttpRequest, form: BulkForm) -> HttpResponse:
    """The bulk bar's fields again with their errors and what was typed; nothing changed."""
    ids = request.POST.getlist("ids")
    hidden = [("ids", i) for i in ids] + [("next", request.POST.get("next", "/desk/"))]
    context = {
        "title": f"Change {len(ids)} selected ticket(s)",
        "intro": "Nothing was changed: correct the fields below and apply again.",
        "form": form,
        "hidden": hidden,
        "skip": ("ids",),
        "action": reverse("workspace:bulk"),
        "submit": "Apply to selected",
        "back": _target(request),
    }
    return render(request, "workspace/form_again.html", context)


def _report(request: HttpRequest, result: BulkResult, done: str) -> None:
    refused = [o for o in result.outcomes if not o.ok]
    flash.success(request, f"{done} {result.changed_count} ticket(s).")
    if refused:
        shown = "; ".join(f"#{o.id}: {o.error}" for o in refused[:5])
        more = f" and {len(refused) - 5} more" if len(refused) > 5 else ""
        flash.error(request, f"{len(refused)} not changed: {shown}{more}.")


@agent_required
@require_POST
def bulk_apply(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = BulkForm(request.POST, user=user)
    if not form.is_valid():
        return _again(request, form)
    try:
        with transaction.atomic(durable=True):
            macro_id = form.cleaned_data["macro"]
            macro = macro_get_for(user, int(macro_id)) if macro_id else None
            result = tickets_bulk_update(
                user, form.cleaned_data["ids"], form.changes(), macro=macro
            )
    except ValidationError as exc:
        flash.error(request, "Nothing was changed: " + " ".join(exc.messages))
        return _back(request)
    _report(request, result, "Changed")
    return _back(request)


@agent_required
@require_POST
def bulk_undo_last(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    with transaction.atomic(durable=True):
        last = last_bulk_of(user)
        if last is None:
            flash.error(request, "There is no bulk action of yours to undo.")
            return _back(request)
        result = bulk_undo(user, last)
    _report(request, result, "Undone on")
    return _back(request)
