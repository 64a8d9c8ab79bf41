"""Flags raised on articles: the list of open (or closed) flags, grouped by article, and
resolving or dismissing one with a note."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.core.forms import add_service_errors

from .. import services
from ..forms import FlagResolveForm
from ..models import ArticleFlag
from ..selectors import flag_get_for, flags_for, open_flag_counts

PAGE = 30


@agent_required
def flag_list(request: HttpRequest) -> HttpResponse:
    return _page(request)


def _page(
    request: HttpRequest, failed: ArticleFlag | None = None, form: FlagResolveForm | None = None
) -> HttpResponse:
    user = signed_in_user(request)
    closed = request.GET.get("state") == "closed"
    page = Paginator(flags_for(user, closed=closed), PAGE).get_page(request.GET.get("page"))
    for flag in page:
        flag.may_resolve = services.may_resolve(user, flag)  # type: ignore[attr-defined]
        flag.form = form if failed is not None and flag.pk == failed.pk else FlagResolveForm()  # type: ignore[attr-defined]
    context = {"page": page, "closed": closed, "counts": open_flag_counts()}
    return render(request, "knowledge/desk/flags.html", context, status=400 if form else 200)


@agent_required
@require_POST
def flag_resolve(request: HttpRequest, flag_id: int) -> HttpResponse:
    """Errors in the form: the list again, the form bound next to its flag. A flag closed
    meanwhile (another tab, another reviewer): back to the list, saying by whom."""
    user = signed_in_user(request)
    try:
        flag = flag_get_for(user, flag_id)
    except ArticleFlag.DoesNotExist as exc:
        raise Http404("No such flag.") from exc
    form = FlagResolveForm(request.POST)
    if not form.is_valid():
        return _page(request, flag, form)
    try:
        with transaction.atomic(durable=True):
            done = services.flag_resolve(flag, user, **form.cleaned_data)
    except ValidationError as exc:
        if not flag.is_open:
            flash.error(request, " ".join(exc.messages))
            return redirect("knowledge:flags")
        add_service_errors(form, exc)
        return _page(request, flag, form)
    flash.success(request, f"Flag {done.get_outcome_display().lower()}.")
    return redirect("knowledge:flags")
